"""Exports: chart images, formatted Excel tables, the PowerPoint meeting pack, the Word reports."""
import re

from ..i18n import text

# A part of a file name is cut to this many characters: 48 Vietnamese letters stay under 150 bytes, well
# within every file system's 255 and short enough to read in a ZIP listing.
MAX_PART = 48


def slug(*parts: object) -> str:
    """A file name from its parts: 'flags-Hòa_Bình-2024'; letters of any script kept, the rest as '_', each part
    cut to `MAX_PART` characters (a long agency name keeps the year after it)."""
    slugs = (re.sub(r"[^\w.-]+", "_", str(p), flags=re.UNICODE).strip("_.")[:MAX_PART].rstrip("_.")
             for p in parts if p not in (None, ""))
    return "-".join(s for s in slugs if s)


def unique_names(names: list[str], extension: str) -> list[str]:
    """`names` + `extension`, made unique as file systems compare them (case folded): 'a.docx', 'a-2.docx' ...
    Names that differ only in characters a file name cannot hold ('/', ':', '?') would otherwise overwrite
    each other when a ZIP is extracted."""
    taken, unique = set(), []
    for name in names:
        candidate, n = f"{name}{extension}", 1
        while candidate.casefold() in taken:
            n += 1
            candidate = f"{name}-{n}{extension}"
        taken.add(candidate.casefold())
        unique.append(candidate)
    return unique


def component_title(row, lang: str) -> str:
    """A component as a signed document names it, never by its code alone: 'Chỉ số PAPI tổng hợp', 'Chỉ số nội
    dung 7: Quản trị môi trường', '6.3 Cơ sở hạ tầng căn bản' (a row or dict with code, name_vi, name_en)."""
    code, name = row["code"], row["name_en" if lang == "en" else "name_vi"]
    if re.fullmatch(r"D[1-9]", code):
        return text("doc.dimension", lang).format(k=code[1], name=name)
    return f"{code} {name}" if code[0].isdigit() else name
