"""The JSON Schema of the file format, generated from the pydantic models.

The schema accepts what the loader accepts: pydantic describes the types a field holds once
loaded, so the forms the models' validators read on the way in are added here. Every such
validator must appear below, or an editor would mark a file the loader takes as wrong;
`tests/test_schema.py` keeps the two in step.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from logicmodel.models import (
    LogicModel,
    none_as_empty_list,
    none_as_empty_mapping,
    one_or_many,
)
from logicmodel.models.links import (
    LINK_CHOICES,
    LinkFacts,
    ids_or_links,
    level_alone,
    one_text_or_many,
)

# Where a link object may stand; pydantic checks every $ref it writes, so the reference to
# LinkFacts goes in only once the schema is made (see `_with_links`).
_LINK: JsonSchemaValue = {"$comment": "a link written as an object"}

_NULL: JsonSchemaValue = {"type": "null"}


class _FileSchema(GenerateJsonSchema):
    """Pydantic's schema generator, widened to the forms the loader reads."""

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        # Numbers are read as text (`label: 2007`, `id: 42`): the models coerce them.
        return {**super().str_schema(schema), "type": ["string", "number"]}

    def function_before_schema(
        self, schema: core_schema.BeforeValidatorFunctionSchema
    ) -> JsonSchemaValue:
        inner = super().function_before_schema(schema)
        function = schema["function"]["function"]
        if function in (none_as_empty_list, none_as_empty_mapping):
            if inner.get("minItems", 0) > 0:
                return inner  # nothing is an empty list, which is too short
            return {"anyOf": [inner, _NULL]}  # `ultimate:` with nothing under it
        if function is level_alone:
            return {"anyOf": [inner, {"enum": list(LINK_CHOICES["level"])}]}  # `evidence: reported`
        if function is one_or_many or function is one_text_or_many:
            return {"anyOf": [inner, inner.get("items", {}), _NULL]}  # `leads_to: build`
        if function is ids_or_links:
            # A link is an id, or an object stating what it rests on (models/links.py).
            entry = {"anyOf": [inner.get("items", {}), _LINK]}
            return {"anyOf": [{**inner, "items": entry}, entry, _NULL]}
        return inner


def file_schema() -> dict[str, Any]:
    """Return the JSON Schema of a logic-model file (YAML or JSON)."""
    schema = LogicModel.model_json_schema(by_alias=True, schema_generator=_FileSchema)
    # The element keeps a stated link's facts apart from its ids, so pydantic never meets the
    # object form: its definitions join the schema here.
    links = LinkFacts.model_json_schema(
        schema_generator=_FileSchema, ref_template="#/$defs/{model}"
    )
    schema["$defs"] = {**schema["$defs"], **links.pop("$defs"), "LinkFacts": links}
    schema = _with_links(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "logicmodel file, format version 1",
    }


def _with_links(value: Any) -> Any:
    """Return a schema with each place a link object may stand pointing at LinkFacts."""
    if value == _LINK:
        return {"$ref": "#/$defs/LinkFacts"}
    if isinstance(value, dict):
        return {key: _with_links(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_with_links(item) for item in value]
    return value


def generate_schema() -> str:
    """Return the JSON Schema as indented JSON text."""
    return json.dumps(file_schema(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


__all__ = [
    "file_schema",
    "generate_schema",
]
