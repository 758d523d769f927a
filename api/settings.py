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
