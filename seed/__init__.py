"""The seed importer: content files in, one transaction of changes out.

    from seed.importer import import_content   # async; returns an ImportReport
    from seed.errors import SeedError           # raised with .problems; nothing written

The steps, one module each:

- reading: `reader` (the folder) → `yamlsource` (YAML with line numbers),
  `articlefile` (front matter + body), `body` (lead and `## ` sections),
  `documents` (pydantic models of the files), `fielderrors` (their errors, retold);
- checking across files: `validate`;
- planning by natural key against the database: `existing` (bulk reads), `diff`,
  `articlediff`, `rows` (rows and content hashes), `plan`;
- writing, batch by batch (files read again and rendered: `batches`, `renderpool`):
  `writer`, and the revision: `record`; reporting: `report`; everything in order:
  `importer`.
"""
