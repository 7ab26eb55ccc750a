"""What an ingest noticed, as data: a code, the cells, and parameters.

Findings are rendered late, in the reader's language, through the i18n catalogue
(`i18n.finding_text`); tests assert codes and cells, not sentences. Stored as JSON in the
`sources.findings` column and in `data/sources.csv`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..i18n import finding_text

CELLS_LISTED = 4  # a finding names its first cells; the count says how many there are


@dataclass
class Finding:
    code: str
    cells: list[str] = field(default_factory=list)
    params: dict = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps({"code": self.code, "cells": self.cells, "params": self.params}, ensure_ascii=False)

    @classmethod
    def from_json(cls, entry: str) -> Finding:
        """A stored finding; text written by versions before findings were typed comes back as `legacy`."""
        try:
            data = json.loads(entry)
        except (TypeError, ValueError):
            return cls("legacy", [], {"text": str(entry)})
        if not isinstance(data, dict) or "code" not in data:
            return cls("legacy", [], {"text": str(entry)})
        return cls(data["code"], list(data.get("cells", [])), dict(data.get("params", {})))


def examples(values: list, listed: int = CELLS_LISTED) -> list[list]:
    """[cell, province code, value] of the first few values, for a finding's message."""
    return [[v.cell, v.province, v.value] for v in values[:listed]]


def findings_table(sources, lang: str):
    """One row per stored finding (`sources` as `store.sources` gives them), rendered in the reader's
    language: year, file, sheet, status, code, cells and the sentence."""
    import pandas as pd  # for the Data page and exports; the ingest itself runs without pandas

    rows = []
    for source in sources.itertuples(index=False):
        for entry in source.findings if source.findings is not None else ():
            finding = Finding.from_json(entry)
            cells = ", ".join(finding.cells[:CELLS_LISTED]) + (" …" if len(finding.cells) > CELLS_LISTED else "")
            rows.append((source.year, source.file_name, source.sheet, source.status, finding.code, cells,
                         finding_text(finding, lang)))
    return pd.DataFrame(rows, columns=["year", "file", "sheet", "status", "finding_code", "cells", "finding"])
