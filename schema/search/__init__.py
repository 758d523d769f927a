"""German full-text search over articles and their sections, on SQLite and PostgreSQL.

One interface, two implementations chosen by the database dialect:

- `words`, `websearch`, `sqlite`: SQLite FTS5 over text stemmed in Python
  (Snowball German), bm25 ranking, snippets built from the original text;
- `postgresql`: a narrow `search_fts` table of tsvectors (`german`
  configuration) with a GIN index, queries built from the same web-search
  syntax with every spelling of each term, `ts_rank_cd`, `ts_headline`.

`text` checks what a client typed, `websearch` reads its syntax, `matcher`
picks the implementation, `scope` filters by the caller's Visibility, `hits`
runs the searches (ranked and cut to the page in the database), `snippets`
makes the highlighted excerpts, `paging` the cursors, and `index` keeps both
indexes current (`refresh_search_index`, called by every writer of articles;
`sqlite_index`, `postgresql_index`). See docs/search.md.
"""

from schema.search.hits import Hit, article_count, article_page, hit_count, hit_page
from schema.search.index import refresh_search_index
from schema.search.matcher import Matcher, matcher_for
from schema.search.paging import encode_place, offset_after
from schema.search.text import MAX_SEARCH_LENGTH, SearchText, search_text

__all__ = [
    "MAX_SEARCH_LENGTH",
    "Hit",
    "Matcher",
    "SearchText",
    "article_count",
    "article_page",
    "encode_place",
    "hit_count",
    "hit_page",
    "matcher_for",
    "offset_after",
    "refresh_search_index",
    "search_text",
]
