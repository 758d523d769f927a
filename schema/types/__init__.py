"""GraphQL types: the public shape of the content (tables stay internal).

Each module holds one type, the columns it is built from and the small
constructor that maps a row to it. Relation fields are async resolvers that
ask the request's loaders; every other field is a plain attribute.
"""
