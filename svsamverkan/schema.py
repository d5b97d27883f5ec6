"""Generate the JSON Schema (draft 2020-12) of an analysis from the dataclasses.

The schema is generated, never maintained by hand:
``python -m svsamverkan.schema > docs/analysis.schema.json``; a test checks the
file is current.

>>> s = analysis_schema()
>>> s["$schema"]
'https://json-schema.org/draft/2020-12/schema'
>>> {"schema_version", "participants", "sections"} <= set(s["required"])
True
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from typing import Any, Literal, Union, get_args, get_origin

from . import model
from .model import SCHEMA_VERSION, Analysis

_PRIMITIVES: dict[type, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
}


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(tp)
    if tp is Any:
        return {}
    if tp in _PRIMITIVES:
        return dict(_PRIMITIVES[tp])
    if origin in (Union, types.UnionType):
        args = get_args(tp)
        non_null = [a for a in args if a is not type(None)]
        inner = [_type_schema(a, defs) for a in non_null]
        if type(None) in args:
            inner.append({"type": "null"})
        return inner[0] if len(inner) == 1 else {"anyOf": inner}
    if origin is Literal:
        return {"enum": list(get_args(tp))}
    if origin in (tuple, list):
        args = get_args(tp)
        if origin is tuple and args and args[-1] is not Ellipsis:
            return {"type": "array", "prefixItems": [_type_schema(a, defs) for a in args],
                    "minItems": len(args), "maxItems": len(args)}
        return {"type": "array", "items": _type_schema(args[0], defs) if args else {}}
    if origin is dict:
        _, val = get_args(tp)
        return {"type": "object", "additionalProperties": _type_schema(val, defs)}
    if dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            defs[name] = _dataclass_schema(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no JSON schema mapping for {tp!r}")


def _dataclass_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls, vars(model))
    props = {f.name: _type_schema(hints[f.name], defs) for f in dataclasses.fields(cls)}
    out: dict[str, Any] = {"type": "object", "properties": props, "required": list(props)}
    if cls.__doc__:
        out["description"] = " ".join(cls.__doc__.strip().split("\n\n")[0].split())
    return out


def analysis_schema() -> dict[str, Any]:
    """The JSON Schema of ``Analysis.to_dict()``."""
    defs: dict[str, Any] = {}
    root = _dataclass_schema(Analysis, defs)
    root["properties"]["schema_version"] = {"const": SCHEMA_VERSION}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://svsamverkan.example/schema/analysis-{SCHEMA_VERSION}.json",
        "title": "svsamverkan analysis",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def main() -> None:
    """Print the schema."""
    print(json.dumps(analysis_schema(), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
