"""A cost budget: how many values a query may ask for, counted before it runs.

Every field costs the number of times it will be resolved: 1 at the root, times
the size of every list above it. A connection's list size is its `first`
argument (literal, or the largest page a variable may ask for, since validation
runs once per document and never sees variable values); a plain list field
uses an expected size from `LIST_SIZES`. The rule is built once per schema
(`create_cost_rule`) so strawberry's validation cache keeps working.
"""

from collections.abc import Mapping

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLType,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    VariableNode,
    get_named_type,
    is_composite_type,
)

# Expected length of plain list fields ("Type.field"); the real ones are shorter.
LIST_SIZES: Mapping[str, int] = {
    "Query.topics": 100,
    "Article.sections": 20,
    "Article.references": 50,
    "Article.topics": 10,
    "Topic.children": 20,
    "Reference.citedBy": 20,
}
DEFAULT_LIST_SIZE = 20
# Stop walking once the estimate is this many times over the budget: enough to say "too much".
_GIVE_UP_FACTOR = 1000


class _OverBudget(Exception):
    pass


def _is_list(graphql_type: GraphQLType) -> bool:
    if isinstance(graphql_type, GraphQLNonNull):
        graphql_type = graphql_type.of_type
    return isinstance(graphql_type, GraphQLList)


class CostEstimate:
    """Walks one operation, adding up field costs; `first` arguments are checked on the way."""

    def __init__(self, context: ValidationContext, *, max_page_size: int, give_up_at: int):
        self.context = context
        self.max_page_size = max_page_size
        self.give_up_at = give_up_at
        self.fragments = {
            definition.name.value: definition
            for definition in context.document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        self.total = 0

    def walk(self, selections: SelectionSetNode | None, parent, multiplier: int, seen=()) -> None:
        for selection in selections.selections if selections else ():
            if isinstance(selection, FieldNode):
                self.field(selection, parent, multiplier, seen)
            elif isinstance(selection, InlineFragmentNode):
                self.walk(
                    selection.selection_set, self.condition(selection, parent), multiplier, seen
                )
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments.get(selection.name.value)
                if fragment is not None and fragment.name.value not in seen:
                    inner = self.condition(fragment, parent)
                    self.walk(
                        fragment.selection_set, inner, multiplier, (*seen, fragment.name.value)
                    )

    def condition(self, fragment, parent):
        if fragment.type_condition is None:
            return parent
        return self.context.schema.get_type(fragment.type_condition.name.value) or parent

    def field(self, node: FieldNode, parent, multiplier: int, seen) -> None:
        name = node.name.value
        fields = getattr(parent, "fields", None)
        if name.startswith("__") or fields is None or name not in fields:
            return  # introspection, or an unknown field that validation reports
        definition = fields[name]
        # A field asked for under `first: 0` still counts once, so nothing is free.
        self.total += max(multiplier, 1)
        if self.total > self.give_up_at:
            raise _OverBudget
        child = get_named_type(definition.type)
        if node.selection_set is None or not is_composite_type(child):
            return
        size = self.list_size(node, parent, definition)
        self.walk(node.selection_set, child, multiplier * size, seen)

    def list_size(self, node: FieldNode, parent, definition) -> int:
        if "first" in definition.args:
            return self.first(node, definition)
        if not _is_list(definition.type):
            return 1
        if parent.name.endswith("Connection") and node.name.value == "edges":
            return 1  # already multiplied by the connection's `first`
        return LIST_SIZES.get(f"{parent.name}.{node.name.value}", DEFAULT_LIST_SIZE)

    def first(self, node: FieldNode, definition) -> int:
        argument = next((a for a in node.arguments or () if a.name.value == "first"), None)
        if argument is None:
            default = definition.args["first"].default_value
            return default if isinstance(default, int) else self.max_page_size
        if isinstance(argument.value, VariableNode):
            return self.max_page_size  # any page the variable may ask for
        if isinstance(argument.value, IntValueNode):
            first = int(argument.value.value)
            if not 0 <= first <= self.max_page_size:
                self.context.report_error(
                    GraphQLError(
                        f"first must be between 0 and {self.max_page_size}, got {first}; "
                        "page through longer lists with `after`",
                        node,
                    )
                )
            return min(max(first, 0), self.max_page_size)
        return self.max_page_size


def create_cost_rule(max_cost: int, max_page_size: int) -> type[ValidationRule]:
    """A validation rule class refusing operations that cost more than `max_cost`."""

    class QueryCostRule(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_args) -> None:
            root = self.context.schema.get_root_type(node.operation)
            if not isinstance(root, GraphQLObjectType):
                return
            estimate = CostEstimate(
                self.context, max_page_size=max_page_size, give_up_at=max_cost * _GIVE_UP_FACTOR
            )
            try:
                estimate.walk(node.selection_set, root, 1)
                cost = f"{estimate.total}"
            except _OverBudget:
                cost = f"more than {estimate.give_up_at}"
            if estimate.total > max_cost:
                name = node.name.value if node.name else "anonymous"
                self.report_error(
                    GraphQLError(
                        f"Operation '{name}' costs {cost}, over the limit of {max_cost}: "
                        "every field counts once per item of the lists above it; ask for "
                        "smaller pages (`first`) or fewer nested lists",
                        node,
                    )
                )

    return QueryCostRule
