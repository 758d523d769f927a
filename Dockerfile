FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY api ./api
COPY schema ./schema
COPY seed ./seed
RUN pip install --no-cache-dir .
EXPOSE 8000
CMD ["guide-api", "serve", "--host", "0.0.0.0", "--port", "8000"]
