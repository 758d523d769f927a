FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY api ./api
COPY schema ./schema
COPY seed ./seed
RUN pip install --no-cache-dir .
EXPOSE 8000
# uvicorn stops on SIGTERM after finishing requests in flight (GUIDE_GRACEFUL_SHUTDOWN_TIMEOUT).
STOPSIGNAL SIGTERM
CMD ["guide-api", "serve", "--host", "0.0.0.0", "--port", "8000"]
