"""Snippets: a short excerpt of a hit's text, matched words in <mark>, everything else escaped.

SQLite builds them here from the original text and the query's stems;
PostgreSQL builds them with `ts_headline`, which marks words with the two
private-use characters below, and `from_headline` turns that into safe HTML.
Either way the snippet is one line of HTML: text escaped, only `<mark>…</mark>`
added, and `…` where the excerpt cuts the text.
"""

from html import escape

from schema.search.words import Word, words

SNIPPET_WORDS = 30
# Words shown before the first match, so it does not open the snippet.
_LEAD_IN = 5
ELLIPSIS = "…"
# Markers ts_headline puts around matched words (never part of stored text).
START_MARK = "\ue000"
STOP_MARK = "\ue001"


def snippet(text: str, stems: frozenset[str]) -> str:
    """About `SNIPPET_WORDS` words of `text` around the most matched words."""
    found = list(words(text))
    if not found:
        return escape(_one_line(text))
    start = _best_start([i for i, word in enumerate(found) if word.stem in stems], len(found))
    shown = found[start : start + SNIPPET_WORDS]
    parts: list[str] = []
    # A whole text keeps its opening quote and closing punctuation.
    cursor = shown[0].start if start > 0 else 0
    for word in shown:
        parts.append(escape(text[cursor : word.start]))
        parts.append(
            _marked(text, word) if word.stem in stems else escape(text[word.start : word.end])
        )
        cursor = word.end
    cut_after = shown[-1] != found[-1]
    if not cut_after:
        parts.append(escape(text[cursor:]))
    return _with_ellipses(_one_line("".join(parts)), cut_before=start > 0, cut_after=cut_after)


def from_headline(headline: str, text: str) -> str:
    """Safe HTML from a ts_headline result over `text`."""
    html = escape(_one_line(headline)).replace(START_MARK, "<mark>").replace(STOP_MARK, "</mark>")
    plain = _one_line(headline.replace(START_MARK, "").replace(STOP_MARK, ""))
    body = _one_line(text)
    return _with_ellipses(
        html, cut_before=not body.startswith(plain), cut_after=not body.endswith(plain)
    )


def _best_start(matches: list[int], count: int) -> int:
    """First word of the window holding the most matches (the earliest of equals)."""
    best, best_hits = 0, 0
    for match in matches:
        start = max(0, min(match - _LEAD_IN, count - SNIPPET_WORDS))
        hits = sum(1 for other in matches if start <= other < start + SNIPPET_WORDS)
        if hits > best_hits:
            best, best_hits = start, hits
    return best


def _marked(text: str, word: Word) -> str:
    return f"<mark>{escape(text[word.start : word.end])}</mark>"


def _one_line(text: str) -> str:
    """Paragraph breaks and whitespace runs as one space: a snippet is one line."""
    return " ".join(text.split())


def _with_ellipses(html: str, *, cut_before: bool, cut_after: bool) -> str:
    return (f"{ELLIPSIS} " if cut_before else "") + html + (f" {ELLIPSIS}" if cut_after else "")
