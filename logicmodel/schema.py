"""The JSON Schema of the file format, generated from the pydantic models."""

from __future__ import annotations

import json
from typing import Any

from logicmodel.models import LogicModel


def file_schema() -> dict[str, Any]:
    """Return the JSON Schema of a logic-model file (YAML or JSON)."""
    schema = LogicModel.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "logicmodel file, format version 1",
    }


def generate_schema() -> str:
    """Return the JSON Schema as indented JSON text."""
    return json.dumps(file_schema(), indent=2, ensure_ascii=False) + "\n"
