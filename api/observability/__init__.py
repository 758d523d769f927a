"""Operations: request ids, one JSON log line per request, Prometheus metrics, SQL counts.

- `requests.ObserveRequests` — the ASGI middleware that ties it together per request;
- `context.RequestInfo` — what is known about the request being answered (a contextvar);
- `sql.count_sql_statements(engine)` — attributes every SQL statement to its request;
- `graphql.RecordOperation` — the schema extension that records the operation name;
- `metrics` — the Prometheus metrics and the `/metrics` endpoint;
- `logs.log_config(level)` — the logging setup (JSON lines) uvicorn applies in each worker.
"""
