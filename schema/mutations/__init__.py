"""Admin mutations: publish, unpublish and archive an article; edit one section.

Each change is validated like a seed file (the seed's own models and body parser),
written in one transaction with a revision (the admin key's name as author), change
rows for the feed and a content version bump, exactly as a seed is (seed.edits).
"""

from strawberry.tools import merge_types

from schema.mutations.article import ArticleMutation

Mutation = merge_types("Mutation", (ArticleMutation,))
Mutation.__strawberry_definition__.description = (
    "Admin changes to the content, each recorded as a revision (admin access keys only)."
)

__all__ = ["Mutation"]
