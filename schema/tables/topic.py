"""Topics: a small tree (Krebs › Metastasen › Knochenmetastasen)."""

from sqlmodel import Field, SQLModel


class Topic(SQLModel, table=True):
    __tablename__ = "topic"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, max_length=200)
    name: str = Field(max_length=200)
    description: str | None = None
    parent_id: int | None = Field(
        default=None, foreign_key="topic.id", index=True, ondelete="SET NULL"
    )
    # Order of the topic in the seed file, for stable listings.
    position: int = 0
