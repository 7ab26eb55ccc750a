"""The provincial units PAPI reports on, by period: the 63 provinces until 2024, the 34 units from 2025.

On 1 July 2025 (Nghị quyết 202/2025/QH15) the 63 provinces became 34 provincial units; each unit kept
the code of the province whose capital it kept (Quyết định 19/2025/QĐ-TTg), so the new Phú Thọ, which took
in Vĩnh Phúc and Hòa Bình, is 25 like the old Phú Thọ, and Lào Cai is now 15, once Yên Bái's. A 2025 figure
is never stored under a former province: each unit has its own id (`UNIT_ID_OFFSET` + its code), and a
`UnitSet` says which units a year's tables name.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .arguments import whole_number
from .i18n import text
from .provinces import BY_CODE, PROVINCES, Province, province_key, unit_name

UNITS_FROM = 2025
UNIT_ID_OFFSET = 100  # stored ids of the 2025 units: 101 (Hà Nội) ... 196 (Cà Mau), apart from the 63's 1 ... 96

# 2025 code | name | former provinces (national codes, the one whose capital the unit kept first)
_UNITS = """
1|Hà Nội|1
4|Cao Bằng|4
8|Tuyên Quang|8 2
11|Điện Biên|11
12|Lai Châu|12
14|Sơn La|14
15|Lào Cai|15 10
19|Thái Nguyên|19 6
20|Lạng Sơn|20
22|Quảng Ninh|22
24|Bắc Ninh|24 27
25|Phú Thọ|25 26 17
31|Hải Phòng|31 30
33|Hưng Yên|33 34
37|Ninh Bình|37 35 36
38|Thanh Hóa|38
40|Nghệ An|40
42|Hà Tĩnh|42
44|Quảng Trị|44 45
46|Huế|46
48|Đà Nẵng|48 49
51|Quảng Ngãi|51 62
52|Gia Lai|52 64
56|Khánh Hòa|56 58
66|Đắk Lắk|66 54
68|Lâm Đồng|68 67 60
75|Đồng Nai|75 70
79|TP. Hồ Chí Minh|79 74 77
80|Tây Ninh|80 72
82|Đồng Tháp|82 87
86|Vĩnh Long|86 83 84
91|An Giang|91 89
92|Cần Thơ|92 93 94
96|Cà Mau|96 95
"""


@dataclass(frozen=True)
class Unit:
    """A provincial unit of 1 July 2025: its official code, name and the former provinces it joined."""
    code: int  # the stored id, UNIT_ID_OFFSET + official_code
    official_code: int
    name_vi: str
    members: tuple[int, ...]

    @property
    def name_en(self) -> str:
        return unit_name(self.name_vi, "en")

    @property
    def unit_2025(self) -> str:
        return self.name_vi

    @property
    def region(self) -> str:
        """The region of the province whose capital the unit kept."""
        return BY_CODE[self.members[0]].region

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_vi


UNITS: tuple[Unit, ...] = tuple(
    Unit(UNIT_ID_OFFSET + int(code), int(code), name, tuple(int(m) for m in members.split()))
    for code, name, members in (line.split("|") for line in _UNITS.strip().splitlines()))


@dataclass(frozen=True)
class UnitSet:
    """The units a period's tables name, and how any spelling or code of one is recognised."""
    key: str
    first_year: int
    last_year: int | None
    units: tuple[Province | Unit, ...]

    def valid_in(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    @cached_property
    def by_id(self) -> dict[int, Province | Unit]:
        return {unit.code: unit for unit in self.units}

    @cached_property
    def _by_key(self) -> dict[str, Province | Unit]:
        keys = {}
        for unit in self.units:
            for name in (unit.name_vi, unit.name_en):
                keys[province_key(name)] = unit
        return keys

    def match(self, name: object) -> Province | Unit | None:
        """The unit a spelling names ('Tỉnh Phú Thọ', 'TP. Huế', 'Thành phố Hồ Chí Minh'), or None."""
        return self._by_key.get(province_key(name)) if isinstance(name, str) else None

    def by_official_code(self, code: int) -> Province | Unit | None:
        return next((unit for unit in self.units if official_code(unit) == code), None)


PROVINCES_63 = UnitSet("provinces", 2011, UNITS_FROM - 1, PROVINCES)
UNITS_34 = UnitSet("units_2025", UNITS_FROM, None, UNITS)
UNIT_SETS = (PROVINCES_63, UNITS_34)
UNIT_OF_PROVINCE = {member: unit for unit in UNITS for member in unit.members}
UNIT_BY_ID = {unit.code: unit for unit in UNITS}


def official_code(unit: Province | Unit) -> int:
    return unit.official_code if isinstance(unit, Unit) else unit.code


def unit_set_for(year: int, as_units: bool = False) -> UnitSet:
    """The units a year is seen in: the 34 from 2025, or before when asked for (`as_units`: estimates)."""
    return UNITS_34 if as_units or year >= UNITS_FROM else PROVINCES_63


def is_unit(code: int) -> bool:
    return code in UNIT_BY_ID


def unit_set_of(code: int) -> str:
    """The key of the set a stored id belongs to."""
    return UNITS_34.key if code in UNIT_BY_ID else PROVINCES_63.key


def entity(code: int) -> Province | Unit:
    """A stored id's province or unit."""
    return UNIT_BY_ID[code] if code in UNIT_BY_ID else BY_CODE[code]


@dataclass(frozen=True)
class Resolved:
    unit: Province | Unit
    asked_for: Province | None = None  # a former province asked about in a year of the 34 units


def resolve(name_or_code: str | int, year: int | None = None) -> Resolved | None:
    """The province or unit a user means in a year: a name in any spelling, or the code the year's tables use.
    A former province asked about from 2025 on leads to its unit (Hòa Bình -> Phú Thọ), saying so."""
    text = str(name_or_code).strip()
    units = unit_set_for(year) if year is not None else PROVINCES_63
    code = whole_number(text)
    if code is not None:
        found = units.by_official_code(code)
        former = PROVINCES_63.by_official_code(code) if found is None else None
    else:
        found = units.match(text)
        former = PROVINCES_63.match(text) if found is None else None
    if found is not None:
        return Resolved(found)
    if former is not None and units is UNITS_34:
        return Resolved(UNIT_OF_PROVINCE[former.code], former)
    return None


def units_like(code: int) -> tuple:
    """The provinces or units of the same set as a stored id: its peers."""
    return UNITS_34.units if code in UNIT_BY_ID else PROVINCES_63.units


def _namesakes() -> frozenset[str]:
    """Names borne both by a merged 2025 unit and by one of its former provinces (Phú Thọ, Lào Cai ...)."""
    return frozenset(unit.name_vi for unit in UNITS if len(unit.members) > 1
                     and any(BY_CODE[m].name_vi == unit.name_vi for m in unit.members))


NAMESAKES = _namesakes()
CITIES = frozenset({"Hà Nội", "Hải Phòng", "Đà Nẵng", "TP. Hồ Chí Minh", "Cần Thơ", "Huế"})  # thành phố, not tỉnh


def label(code: int, lang: str = "vi") -> str:
    """A province's or unit's name as a reader must see it: where a merged unit and a former province share a
    name, 'Phú Thọ (tỉnh mới)' for the unit and 'Phú Thọ (cũ)' for the former province; else the name alone."""
    place = entity(code)
    if place.name_vi not in NAMESAKES:
        return place.name(lang)
    key = "unit.former" if code not in UNIT_BY_ID else "unit.new_city" if place.name_vi in CITIES else "unit.new"
    return text(key, lang).format(name=place.name(lang))


def is_estimate(code: int, year: int) -> bool:
    """A unit's figure of a year before the units: estimated from its former provinces, never published."""
    return code in UNIT_BY_ID and year < UNITS_FROM


def year_label(code: int, year: int, lang: str = "vi") -> str:
    """The year as a title says it: '2024 (ước tính)' for a unit's estimated year, else the year."""
    return text("title.estimate", lang).format(year=year) if is_estimate(code, year) else str(year)
