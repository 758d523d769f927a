"""Settings, read from environment variables (and an optional `.env` file)."""

from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

BUNDLED_CONTENT = Path(__file__).resolve().parent.parent / "seed" / "content"


class Settings(BaseSettings):
    """Every setting of the service; the defaults serve the bundled guide on SQLite."""

    model_config = SettingsConfigDict(env_prefix="GUIDE_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default="sqlite:///./guide.db",
        validation_alias=AliasChoices("DATABASE_URL", "GUIDE_DATABASE_URL"),
        description="sqlite:///path.db or postgresql://user:pass@host:port/db",
    )
    content_dir: Path = Field(
        default=BUNDLED_CONTENT, description="Seed files served when the database is empty."
    )
    seed_on_start: bool = Field(
        default=True, description="Seed content_dir on start when the database holds no content."
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(default=1, ge=1)
    graphql_ide: bool = Field(default=True, description="Serve GraphiQL to browsers at /graphql.")
    public_url: str = Field(
        default="", description="Base URL prefixed to /media/ links, e.g. https://api.example.org"
    )
    log_level: str = "info"

    # Access keys and CORS (api.auth)
    access_key_cache_seconds: float = Field(
        default=5.0,
        ge=0,
        le=300,
        description="Seconds each process remembers an access key lookup (0: no cache); "
        "a revoked key stops working within this time",
    )
    public_cors: bool = Field(
        default=True,
        description="Let every browser origin read anonymous (public) answers; keys are "
        "allowed only from their own --origin list",
    )

    # Section embeds and oEmbed (api.embed)
    article_url_template: str = Field(
        default="",
        pattern=r"^(https?://[^\s{}]*\{slug\}[^\s{}]*)?$",
        description=(
            "Where the website shows an article, e.g. https://www.example.org/artikel/{slug}; "
            "embeds link there when an article has no url of its own"
        ),
    )

    # Live reload, webhooks and operations (api.content_watch, api.webhooks, api.observability)
    content_poll_interval: float = Field(
        default=0.25,
        gt=0,
        description="SQLite only: seconds between checks of the content version "
        "(PostgreSQL processes are told at once by LISTEN/NOTIFY)",
    )
    webhook_urls: str = Field(
        default="",
        description="Comma-separated URLs told of each applied revision, besides those "
        "added with `guide-api webhooks add`",
    )
    webhook_secret: str = Field(
        default="",
        description="Key of the HMAC-SHA256 signature in X-Guide-Signature; empty sends unsigned",
    )
    webhook_timeout: float = Field(
        default=5.0, gt=0, description="Seconds one webhook attempt may take"
    )
    webhook_max_attempts: int = Field(
        default=8, ge=1, description="Attempts per webhook delivery before it is marked failed"
    )
    webhook_retry_delay: float = Field(
        default=2.0,
        gt=0,
        description="Seconds before the first retry; each further retry waits twice as long",
    )
    graceful_shutdown_timeout: float = Field(
        default=30.0,
        gt=0,
        description="Seconds a stopping server gives in-flight requests to finish",
    )

    # Revisions and the seed write lock (seed, schema.revisions)
    seed_lock_timeout: float = Field(
        default=30.0,
        gt=0,
        description="Seconds a seed, rollback or admin change waits for another one to finish",
    )
    author: str = Field(
        default="",
        description="Author recorded in revisions when `guide-api seed --author` is not given",
    )

    # Query protection, GraphQL over HTTP, persisted queries (schema.limits, api.protocol,
    # api.persisted)
    max_depth: int = Field(
        default=10, ge=1, description="Deepest nesting of fields an operation may have"
    )
    max_aliases: int = Field(default=50, ge=0, description="Most aliases in one document")
    max_tokens: int = Field(
        default=2000, ge=100, description="Most lexical tokens (and comments) in one document"
    )
    max_cost: int = Field(
        default=200_000,
        ge=1,
        description="Cost budget of one operation: each field counts once per item of the "
        "lists above it (`first`, or an expected size for plain lists)",
    )
    max_page_size: int = Field(
        default=100, ge=1, le=100, description="Largest `first` a connection accepts"
    )
    max_body_bytes: int = Field(
        default=100_000, ge=1024, description="Largest POST body to /graphql, in bytes (413)"
    )
    max_batch: int = Field(
        default=10,
        ge=0,
        le=100,
        description="Most operations in one batched POST (a JSON array); 0 turns batching off",
    )
    introspection: bool = Field(
        default=True,
        description="Answer __schema/__type queries and 'did you mean' hints; "
        "turn off in production",
    )
    persisted_queries_auto_register: bool = Field(
        default=False,
        description="Register any query a client sends with its SHA-256 (Apollo APQ); "
        "off: only the documented frontend queries are registered",
    )
    partners_registered_only: bool = Field(
        default=True, description="Partner keys may run registered (persisted) queries only"
    )
    persisted_max_age: int = Field(
        default=60,
        ge=0,
        description="Cache-Control max-age (seconds) of anonymous GET answers and of "
        "persisted queries",
    )

    # Response cache and HTTP caching (api.cache); the max-age is persisted_max_age above
    response_cache: bool = Field(
        default=True,
        description="Keep the answers of repeated queries in each process until the "
        "content version moves (preview and admin answers are never kept)",
    )
    response_cache_bytes: int = Field(
        default=64 * 2**20,
        ge=0,
        description="Bytes of answers the response cache of one process may hold (LRU)",
    )
    stale_while_revalidate: int = Field(
        default=300,
        ge=0,
        description="Cache-Control stale-while-revalidate (seconds) of public answers",
    )
    compiled_queries: bool = Field(
        default=True,
        description="Answer query shapes the public repeats from compiled plans, without "
        "GraphQL's field-by-field executor (schema.compiled); the answers are the same",
    )
