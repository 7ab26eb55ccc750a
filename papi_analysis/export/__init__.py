"""Exports: chart images, formatted Excel tables, the PowerPoint meeting pack, the Word reports."""
import re


def slug(*parts: object) -> str:
    """A file name from its parts: 'flags-Hòa_Bình-2024'; letters of any script kept, the rest as '_'."""
    joined = "-".join(str(p) for p in parts if p not in (None, ""))
    return re.sub(r"[^\w.-]+", "_", joined, flags=re.UNICODE).strip("_")
