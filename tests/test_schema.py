"""The published JSON schema is generated from the model and validates real output."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import svsamverkan
from svsamverkan.schema import analysis_schema

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = ROOT / "docs" / "analysis.schema.json"
ARCHIVE = ROOT / "corpora" / "examples" / "archive"
EXAMPLES = sorted(p for p in ARCHIVE.glob("*") if p.suffix in svsamverkan.readers.READERS)


def test_published_schema_is_current() -> None:
    published = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert published == analysis_schema(), "regenerate: python -m svsamverkan.schema > docs/analysis.schema.json"


def test_top_level_keys_promised_to_other_tools() -> None:
    required = set(analysis_schema()["required"])
    assert {"schema_version", "source", "kind", "text", "participants", "decisions", "themes",
            "paragraphs", "sections"} <= required


def test_text_analysis_validates() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    a = svsamverkan.analyze_text("Närvarande: Anna Berg, kurator.\n\nPunkten bordläggs till nästa möte.")
    jsonschema.Draft202012Validator(schema).validate(a.to_dict())
    assert a.to_dict()["schema_version"] == svsamverkan.SCHEMA_VERSION


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_validates(path: Path) -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(svsamverkan.analyze_file(path).to_dict())
