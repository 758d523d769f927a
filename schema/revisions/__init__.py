"""Content revisions: recording each applied change, and reading the history back.

- `lock`: the one write lock that seeds and admin mutations take (with a time limit);
- `record`: a new revision with its documents and change-feed rows, in the caller's
  transaction, bumping the content version;
- `snapshot`: seed documents built from the rows as they are now;
- `history`: the list of revisions, and the content as it was at revision N;
- `files`: documents written back as seed files (`guide-api show`, rollback).

A document is what the seed files say about one entity: a topic or reference entry
(`{"item": {...}, "position": n}`), or an article (`{"front_matter": {...}, "lead":
markdown, "sections": [{"heading", "body"}]}`).
"""
