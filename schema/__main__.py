"""Print the schema's SDL: `python -m schema > schema/schema.graphql`."""

from schema import build_schema

print(build_schema().as_str())
