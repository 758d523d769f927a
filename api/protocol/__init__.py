"""GraphQL over HTTP, by the specification (graphql.github.io/graphql-over-http).

- `negotiation`: which response media type the client gets.
- `params`: reading a request into GraphQL parameters, with every failure a `RequestError`.
- `results`: the status code and body of an answer.
- `errors`: `RequestError` and its GraphQL-shaped JSON body.
"""
