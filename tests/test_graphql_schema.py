"""The exported SDL matches the code, and every type and field is documented."""

from pathlib import Path

from schema import build_schema

SDL = Path(__file__).resolve().parent.parent / "schema" / "schema.graphql"

# DESIGN.md's contract: frontends rely on these names; more may be added, none removed.
CONTRACT_ROOT_FIELDS = {"node", "article", "articles", "section", "topic", "topics", "reference"}


def test_committed_sdl_matches_the_schema() -> None:
    assert build_schema().as_str() + "\n" == SDL.read_text(encoding="utf-8"), (
        "schema/schema.graphql is out of date; regenerate it with "
        "`.venv/bin/python -m schema > schema/schema.graphql` and review the diff"
    )


def test_root_fields_are_the_contract() -> None:
    query = build_schema()._schema.query_type
    assert query is not None
    assert set(query.fields) >= CONTRACT_ROOT_FIELDS
    assert set(query.fields["articles"].args) == {"first", "after", "topic", "search"}


def test_every_type_field_and_argument_has_a_description() -> None:
    schema = build_schema()._schema
    missing = []
    for name, graphql_type in schema.type_map.items():
        if name.startswith("__") or name in {"String", "Int", "Boolean", "ID", "Float"}:
            continue
        if not graphql_type.description:
            missing.append(name)
        for field_name, field in getattr(graphql_type, "fields", {}).items():
            if not field.description:
                missing.append(f"{name}.{field_name}")
            for arg_name, arg in getattr(field, "args", {}).items():
                if not arg.description:
                    missing.append(f"{name}.{field_name}({arg_name}:)")
    assert missing == []
