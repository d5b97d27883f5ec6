"""Light pipelines for the batch tests: the real reader and paragraph splitter, no models.

They load in well under a second, so tests can start worker processes cheaply.
``slow_pipeline`` also waits 50 ms per document, so a test can kill a run mid-way.
"""

from __future__ import annotations

import os
import time

from svsamverkan import components  # noqa: F401  (registers the Doc extensions and components)
from svsamverkan.nlp import blank_swedish
from svsamverkan.pipeline import Pipeline
from svsamverkan.repair import RepairResult


def _no_repair(text: str) -> RepairResult:
    return RepairResult(original=text, text=text, edits=())


def _slow_repair(text: str) -> RepairResult:
    time.sleep(0.05)
    return _no_repair(text)


def light_pipeline() -> Pipeline:
    """Read, split paragraphs, detect the kind."""
    nlp = blank_swedish(lemmatizer=False)
    nlp.add_pipe("svsamverkan_paragraphs")
    nlp.add_pipe("svsamverkan_kind")
    return Pipeline(repairer=_no_repair, nlp=nlp)


def slow_pipeline() -> Pipeline:
    """Like :func:`light_pipeline`, 50 ms slower per document."""
    pipe = light_pipeline()
    return Pipeline(repairer=_slow_repair, nlp=pipe.nlp)


def _crashing_repair(text: str) -> RepairResult:
    if "KRASCH" in text:
        os._exit(3)  # a worker dying hard, as on out-of-memory
    return _no_repair(text)


def crashing_pipeline() -> Pipeline:
    """Like :func:`light_pipeline`, but the worker process dies on a text containing ``KRASCH``."""
    pipe = light_pipeline()
    return Pipeline(repairer=_crashing_repair, nlp=pipe.nlp)
