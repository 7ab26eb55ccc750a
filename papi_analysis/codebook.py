"""PAPI's fixed vocabulary: components, their scales and the years they changed.

Facts from the publishers' structure notes (see docs/architecture.md). Indicators are
not listed here: their labels come from each year's workbook.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

TOTAL = "TOTAL"
LEVELS = ("total", "dimension", "subdimension", "indicator")

# Years in which the publishers changed what a component measures or how it is scaled.
STRUCTURE_BREAKS = (2016, 2018, 2021)
_CHANGED_IN = {
    2016: ("D2", "2.", "D3", "3."),  # sub-dimension contents of D2 and D3
    2018: ("D2", "2.", "D3", "3.", "TOTAL"),  # D2/D3 again; the total grows from 6 to 8 dimensions
    2019: ("D8", "8.1", "8.2"),  # 8.3 added; 8.1 and 8.2 rescaled from 0.5-5 to 0.33-3.33
    2021: ("D5", "5.", "TOTAL"),  # 5.2 dropped; 5.1, 5.3 and 5.4 rescaled to thirds
}
TOTAL6 = "TOTAL6"  # the six-dimension sum, the publishers' bridge for long trends
TOTAL6_NAMES = ("Tổng 6 chỉ số nội dung (so sánh dài hạn)", "Six-dimension total (long-run comparable)")


@dataclass(frozen=True)
class Component:
    code: str
    level: str
    parent: str | None
    name_vi: str
    name_en: str
    first_year: int = 2011
    last_year: int | None = None


_DIMENSIONS = {
    "D1": ("Tham gia của người dân ở cấp cơ sở", "Participation at Local Levels", 2011),
    "D2": ("Công khai, minh bạch trong việc ra quyết định ở địa phương",
           "Transparency in Local Decision-making", 2011),
    "D3": ("Trách nhiệm giải trình với người dân", "Vertical Accountability", 2011),
    "D4": ("Kiểm soát tham nhũng trong khu vực công", "Control of Corruption in the Public Sector", 2011),
    "D5": ("Thủ tục hành chính công", "Public Administrative Procedures", 2011),
    "D6": ("Cung ứng dịch vụ công", "Public Service Delivery", 2011),
    "D7": ("Quản trị môi trường", "Environmental Governance", 2018),
    "D8": ("Quản trị điện tử", "E-Governance", 2018),
}

_SUBDIMENSIONS = {
    "1.1": ("Tri thức công dân", "Civic Knowledge"),
    "1.2": ("Cơ hội tham gia", "Opportunities for Participation"),
    "1.3": ("Chất lượng bầu cử", "Quality of Elections"),
    "1.4": ("Đóng góp tự nguyện", "Voluntary Contributions"),
    "2.1": ("Tiếp cận thông tin", "Access to Information"),
    "2.2": ("Công khai danh sách hộ nghèo", "Poverty List Transparency"),
    "2.3": ("Công khai thu, chi ngân sách cấp xã/phường", "Communal Budget Transparency"),
    "2.4": ("Quy hoạch, kế hoạch sử dụng đất; giá bồi thường thu hồi đất", "Land-Use Plans and Price Frames"),
    "3.1": ("Mức độ và hiệu quả trong tiếp xúc với chính quyền", "Interactions with Local Authorities"),
    "3.2": ("Giải đáp khiếu nại, tố cáo, khúc mắc của người dân", "Responses to Citizen Appeals"),
    "3.3": ("Tiếp cận dịch vụ tư pháp", "Access to Justice Services"),
    "4.1": ("Kiểm soát tham nhũng trong chính quyền địa phương", "Limits on Corruption in Local Government"),
    "4.2": ("Kiểm soát tham nhũng trong cung ứng dịch vụ công", "Limits on Corruption in Service Delivery"),
    "4.3": ("Công bằng trong tuyển dụng vào khu vực công", "Equity in State Employment"),
    "4.4": ("Quyết tâm chống tham nhũng của chính quyền địa phương", "Willingness to Fight Corruption"),
    "5.1": ("Dịch vụ chứng thực, xác nhận", "Certification Procedures"),
    "5.2": ("Thủ tục xin cấp phép xây dựng", "Construction Permits"),
    "5.3": ("Thủ tục liên quan đến giấy chứng nhận quyền sử dụng đất", "Land-Use Rights Certificates"),
    "5.4": ("Dịch vụ hành chính cấp xã/phường", "Commune-level Procedures"),
    "6.1": ("Y tế công lập", "Public Health Care"),
    "6.2": ("Giáo dục tiểu học công lập", "Public Primary Education"),
    "6.3": ("Cơ sở hạ tầng căn bản", "Basic Infrastructure"),
    "6.4": ("An ninh, trật tự khu dân cư", "Law and Order"),
    "7.1": ("Nghiêm túc trong bảo vệ môi trường", "Seriousness in Environmental Protection"),
    "7.2": ("Chất lượng không khí", "Air Quality"),
    "7.3": ("Chất lượng nước", "Water Quality"),
    "8.1": ("Sử dụng cổng thông tin điện tử của chính quyền địa phương", "Use of E-Government Portals"),
    "8.2": ("Tiếp cận và sử dụng Internet tại địa phương", "Access to the Internet"),
    "8.3": ("Phúc đáp của chính quyền qua cổng thông tin điện tử", "E-Responsiveness of Authorities"),
}
# D2 had three sub-dimensions until 2017 (land use was 2.3 until 2015, then left out until 2018).
_SUBDIMENSION_YEARS = {"2.4": (2018, None), "5.2": (2011, 2020), "8.3": (2019, None)}
# Until 2015 these codes named other sub-dimensions, as the 2011-2015 reports wrote them.
NAMES_UNTIL_2015 = {
    "2.1": ("Công khai danh sách hộ nghèo", "Poverty Lists"),
    "2.2": ("Công khai thu, chi ngân sách cấp xã/phường", "Communal Budgets"),
    "2.3": ("Kế hoạch sử dụng đất, khung giá đền bù", "Land-Use Plans and Price Frames"),
    "3.2": ("Ban Thanh tra nhân dân", "People's Inspection Boards"),
    "3.3": ("Ban Giám sát đầu tư của cộng đồng", "Community Investment Supervision Boards"),
}
LAST_YEAR_OF_2011_STRUCTURE = 2015


def _build_components() -> dict[str, Component]:
    components = {TOTAL: Component(TOTAL, "total", None, "Chỉ số PAPI tổng hợp", "PAPI total score")}
    for code, (vi, en, first) in _DIMENSIONS.items():
        components[code] = Component(code, "dimension", TOTAL, vi, en, first)
    for code, (vi, en) in _SUBDIMENSIONS.items():
        parent = "D" + code.split(".")[0]
        first, last = _SUBDIMENSION_YEARS.get(code, (components[parent].first_year, None))
        components[code] = Component(code, "subdimension", parent, vi, en, first, last)
    return components


COMPONENTS: dict[str, Component] = _build_components()
DIMENSION_CODES = tuple(_DIMENSIONS)
SUBDIMENSION_CODES = tuple(_SUBDIMENSIONS)


def exists_in(code: str, year: int) -> bool:
    component = COMPONENTS[code]
    return component.first_year <= year and (component.last_year is None or year <= component.last_year)


def subdimensions_in(year: int) -> dict[str, tuple[str, ...]]:
    """Each dimension's sub-dimensions in a year's structure, in order."""
    structure: dict[str, tuple[str, ...]] = {}
    for code in SUBDIMENSION_CODES:
        parent = COMPONENTS[code].parent
        if exists_in(code, year) and exists_in(parent, year):
            structure[parent] = structure.get(parent, ()) + (code,)
    return structure


def name_in(code: str, year: int) -> tuple[str, str]:
    """A component's Vietnamese and English names in a year's structure."""
    if year <= LAST_YEAR_OF_2011_STRUCTURE and code in NAMES_UNTIL_2015:
        return NAMES_UNTIL_2015[code]
    return COMPONENTS[code].name_vi, COMPONENTS[code].name_en


def name_frame_in_its_year(frame, vi: str = "name_vi", en: str = "name_en"):
    """A frame of (year, code, names) with the names of each row's year (2.1 is Poverty Lists in 2013)."""
    for code, names in NAMES_UNTIL_2015.items():
        rows = (frame["code"] == code) & (frame["year"] <= LAST_YEAR_OF_2011_STRUCTURE)
        if rows.any():
            frame.loc[rows, [vi, en]] = names
    return frame


def dimension_count(year: int) -> int:
    return 8 if year >= 2018 else 6


def total_scale(year: int) -> tuple[float, float]:
    count = dimension_count(year)
    return float(count), 10.0 * count


def subdimension_scale(siblings: int) -> tuple[float, float]:
    """A dimension is 1-10 points shared equally among its sub-dimensions, printed to two decimals
    (0.33-3.33) as the publishers do; published figures sit within the printed bounds."""
    return round(1.0 / siblings, 2), round(10.0 / siblings, 2)


# Labels carry their code as numbering: "Chỉ số nội dung 3: ...", "Dimension 3: ...",
# "3: ..." (older layout), "3.2: ..." (sub-dimension). Wording after the number varies by year.
_DIMENSION_LABEL = re.compile(r"^\s*(?:chỉ\s*số\s*nội\s*dung|dimension)\s*([1-8])\b", re.IGNORECASE)
_BARE_DIMENSION_LABEL = re.compile(r"^\s*([1-8])\s*[:.)]\s*\D")
_SUBDIMENSION_LABEL = re.compile(r"^\s*([1-8])\s*\.\s*([1-4])\s*[:.)]?\s+\S|^\s*([1-8])\.([1-4])\s*:")
_BARE_CODE = re.compile(r"^\s*(?:D\s*([1-8])|([1-8])\.([1-4]))\s*$", re.IGNORECASE)  # a panel's header: 'D1', '1.1'


def component_code_from_label(label: str) -> str | None:
    """The dimension or sub-dimension code a label's numbering names, or None."""
    match = _BARE_CODE.match(label)
    if match:
        code = f"D{match.group(1)}" if match.group(1) else f"{match.group(2)}.{match.group(3)}"
        return code if code in COMPONENTS else None
    match = _SUBDIMENSION_LABEL.match(label)
    if match:
        code = f"{match.group(1) or match.group(3)}.{match.group(2) or match.group(4)}"
        return code if code in COMPONENTS else None
    match = _DIMENSION_LABEL.match(label) or _BARE_DIMENSION_LABEL.match(label)
    if match:
        return f"D{match.group(1)}"
    return None


_NEW_DIMENSION_LABEL = re.compile(r"^\s*(?:chỉ\s*số\s*nội\s*dung|dimension)\s*(\d{1,2})\s*[:.)-]\s*\S", re.IGNORECASE)
_NEW_SUBDIMENSION_LABEL = re.compile(r"^\s*(\d{1,2})\s*\.\s*(\d{1,2})\s*[:.)-]\s*\S")


def new_component_code(label: str) -> str | None:
    """The code a numbered label gives a component the fixed codebook does not know ('Chỉ số nội dung 9: …' is
    D9, '3.4: …' is 3.4): a year whose structure is new (PAPI 2025 may add components) is loaded as published."""
    match = _NEW_DIMENSION_LABEL.match(label)
    code = f"D{int(match.group(1))}" if match else None
    if code is None and (match := _NEW_SUBDIMENSION_LABEL.match(label)):
        code = f"{int(match.group(1))}.{int(match.group(2))}"
    return code if code is not None and code not in COMPONENTS and code != "D0" else None


def level_of(code: str) -> str:
    """A component's level, for the fixed codebook's and a new year's own codes alike."""
    if code in COMPONENTS:
        return COMPONENTS[code].level
    return "dimension" if code.startswith("D") else "subdimension" if code.count(".") == 1 else "indicator"


def parent_of(code: str) -> str | None:
    if code in COMPONENTS:
        return COMPONENTS[code].parent
    if code.startswith("D"):
        return TOTAL
    head = code.rsplit(".", 1)[0]
    return f"D{head}" if code.count(".") == 1 else head


def code_order(code: str) -> tuple:
    """Sort key: the totals, then D1..D8, then 1.1, 1.1.1, ... in numeric order."""
    if code in (TOTAL, TOTAL6):
        return (0, 0 if code == TOTAL else 1)
    if code.startswith("D"):
        return (1, int(code[1:]))
    return (2, *(int(part) for part in code.split(".")))


def breaks_for(code: str) -> tuple[int, ...]:
    """The years in which a component's scores stop being comparable with earlier ones."""
    if code == TOTAL6:
        return ()
    return tuple(year for year, prefixes in _CHANGED_IN.items()
                 if any(code == p or (p.endswith(".") and code.startswith(p)) for p in prefixes))


@dataclass(frozen=True)
class ComparabilityNote:
    """Why two years of a component should not be compared naively: a kind and its years, rendered in the
    reader's language by `i18n.comparability_text`. `str()` is the stable token the CSV and JSON carry
    ('definition_changed:2016,2018')."""
    kind: str  # total_6_vs_8_dimensions | definition_changed | discontinued_after | introduced_in
    years: tuple[int, ...] = ()

    def __str__(self) -> str:
        return self.kind + (":" + ",".join(map(str, self.years)) if self.years else "")

    @classmethod
    def parse(cls, token: str) -> ComparabilityNote:
        kind, _, years = token.partition(":")
        return cls(kind, tuple(int(year) for year in years.split(",") if year))


def comparability_note(code: str, year_a: int, year_b: int) -> list[ComparabilityNote]:
    """Reasons why a component's scores in two years should not be compared naively."""
    low, high = sorted((year_a, year_b))
    notes = []
    crossed = [year for year in breaks_for(code) if low < year <= high]
    if code == TOTAL and low < 2018 <= high:
        notes.append(ComparabilityNote("total_6_vs_8_dimensions"))
        crossed = [year for year in crossed if year != 2018]
    if crossed:
        notes.append(ComparabilityNote("definition_changed", tuple(crossed)))
    component = COMPONENTS.get(code)
    if component and component.last_year is not None and high > component.last_year:
        notes.append(ComparabilityNote("discontinued_after", (component.last_year,)))
    if component and low < component.first_year:
        notes.append(ComparabilityNote("introduced_in", (component.first_year,)))
    return notes


def comparability_tokens(code: str, year_a: int, year_b: int) -> str:
    """The notes as one cell: tokens joined by ';', empty where the years compare."""
    return ";".join(map(str, comparability_note(code, year_a, year_b)))


def comparable_segment(code: str, year: int) -> int:
    """Which stretch of comparable years a year falls in, for fitting trends within one."""
    base = code.rsplit(".", 1)[0] if code.count(".") == 2 else code  # an indicator follows its sub-dimension
    return sum(1 for year_of_break in breaks_for(base) if year_of_break <= year)
