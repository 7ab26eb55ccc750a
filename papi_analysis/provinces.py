"""The 63 provinces PAPI reports on, and how any spelling of one is recognised.

Codes are the national statistical codes used in the workbooks' `Mã tỉnh` row. The 2025
unit is the provincial unit each province became part of on 1 July 2025.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .arguments import whole_number

REGIONS = {
    "NMM": ("Trung du và miền núi phía Bắc", "Northern Midlands and Mountains"),
    "RRD": ("Đồng bằng sông Hồng", "Red River Delta"),
    "NCC": ("Bắc Trung Bộ và duyên hải miền Trung", "North Central and Central Coast"),
    "CHL": ("Tây Nguyên", "Central Highlands"),
    "SE": ("Đông Nam Bộ", "Southeast"),
    "MRD": ("Đồng bằng sông Cửu Long", "Mekong River Delta"),
}


@dataclass(frozen=True)
class Province:
    code: int
    name_vi: str
    name_en: str
    region: str
    unit_2025: str

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_vi


# code, Vietnamese name, English name (as in the boundaries file), region, 2025 unit
_TABLE = """
1|Hà Nội|Ha Noi|RRD|Hà Nội
2|Hà Giang|Ha Giang|NMM|Tuyên Quang
4|Cao Bằng|Cao Bang|NMM|Cao Bằng
6|Bắc Kạn|Bac Kan|NMM|Thái Nguyên
8|Tuyên Quang|Tuyen Quang|NMM|Tuyên Quang
10|Lào Cai|Lao Cai|NMM|Lào Cai
11|Điện Biên|Dien Bien|NMM|Điện Biên
12|Lai Châu|Lai Chau|NMM|Lai Châu
14|Sơn La|Son La|NMM|Sơn La
15|Yên Bái|Yen Bai|NMM|Lào Cai
17|Hòa Bình|Hoa Binh|NMM|Phú Thọ
19|Thái Nguyên|Thai Nguyen|NMM|Thái Nguyên
20|Lạng Sơn|Lang Son|NMM|Lạng Sơn
22|Quảng Ninh|Quang Ninh|RRD|Quảng Ninh
24|Bắc Giang|Bac Giang|NMM|Bắc Ninh
25|Phú Thọ|Phu Tho|NMM|Phú Thọ
26|Vĩnh Phúc|Vinh Phuc|RRD|Phú Thọ
27|Bắc Ninh|Bac Ninh|RRD|Bắc Ninh
30|Hải Dương|Hai Duong|RRD|Hải Phòng
31|Hải Phòng|Hai Phong|RRD|Hải Phòng
33|Hưng Yên|Hung Yen|RRD|Hưng Yên
34|Thái Bình|Thai Binh|RRD|Hưng Yên
35|Hà Nam|Ha Nam|RRD|Ninh Bình
36|Nam Định|Nam Dinh|RRD|Ninh Bình
37|Ninh Bình|Ninh Binh|RRD|Ninh Bình
38|Thanh Hóa|Thanh Hoa|NCC|Thanh Hóa
40|Nghệ An|Nghe An|NCC|Nghệ An
42|Hà Tĩnh|Ha Tinh|NCC|Hà Tĩnh
44|Quảng Bình|Quang Binh|NCC|Quảng Trị
45|Quảng Trị|Quang Tri|NCC|Quảng Trị
46|Thừa Thiên Huế|Thua Thien Hue|NCC|Huế
48|Đà Nẵng|Da Nang|NCC|Đà Nẵng
49|Quảng Nam|Quang Nam|NCC|Đà Nẵng
51|Quảng Ngãi|Quang Ngai|NCC|Quảng Ngãi
52|Bình Định|Binh Dinh|NCC|Gia Lai
54|Phú Yên|Phu Yen|NCC|Đắk Lắk
56|Khánh Hòa|Khanh Hoa|NCC|Khánh Hòa
58|Ninh Thuận|Ninh Thuan|NCC|Khánh Hòa
60|Bình Thuận|Binh Thuan|NCC|Lâm Đồng
62|Kon Tum|Kon Tum|CHL|Quảng Ngãi
64|Gia Lai|Gia Lai|CHL|Gia Lai
66|Đắk Lắk|Dak Lak|CHL|Đắk Lắk
67|Đắk Nông|Dak Nong|CHL|Lâm Đồng
68|Lâm Đồng|Lam Dong|CHL|Lâm Đồng
70|Bình Phước|Binh Phuoc|SE|Đồng Nai
72|Tây Ninh|Tay Ninh|SE|Tây Ninh
74|Bình Dương|Binh Duong|SE|TP. Hồ Chí Minh
75|Đồng Nai|Dong Nai|SE|Đồng Nai
77|Bà Rịa - Vũng Tàu|Ba Ria - Vung Tau|SE|TP. Hồ Chí Minh
79|TP. Hồ Chí Minh|Ho Chi Minh|SE|TP. Hồ Chí Minh
80|Long An|Long An|MRD|Tây Ninh
82|Tiền Giang|Tien Giang|MRD|Đồng Tháp
83|Bến Tre|Ben Tre|MRD|Vĩnh Long
84|Trà Vinh|Tra Vinh|MRD|Vĩnh Long
86|Vĩnh Long|Vinh Long|MRD|Vĩnh Long
87|Đồng Tháp|Dong Thap|MRD|Đồng Tháp
89|An Giang|An Giang|MRD|An Giang
91|Kiên Giang|Kien Giang|MRD|An Giang
92|Cần Thơ|Can Tho|MRD|Cần Thơ
93|Hậu Giang|Hau Giang|MRD|Cần Thơ
94|Sóc Trăng|Soc Trang|MRD|Cần Thơ
95|Bạc Liêu|Bac Lieu|MRD|Cà Mau
96|Cà Mau|Ca Mau|MRD|Cà Mau
"""

def region_name(region: str, lang: str) -> str:
    vi, en = REGIONS[region]
    return en if lang == "en" else vi


def unit_name(unit: str, lang: str) -> str:
    """A 2025 unit's name: 'TP. Hồ Chí Minh' is 'Ho Chi Minh City' in English, 'Huế' 'Hue'."""
    if lang != "en":
        return unit
    plain = "".join(ch for ch in unicodedata.normalize("NFD", unit.replace("Đ", "D").replace("đ", "d"))
                    if not unicodedata.combining(ch))
    return plain[4:] + " City" if plain.startswith("TP. ") else plain


PROVINCES: tuple[Province, ...] = tuple(
    Province(int(code), vi, en, region, unit)
    for code, vi, en, region, unit in (line.split("|") for line in _TABLE.strip().splitlines())
)
BY_CODE = {p.code: p for p in PROVINCES}
UNITS_2025 = tuple(dict.fromkeys(p.unit_2025 for p in PROVINCES))

# Prefixes that administrative spellings add; they do not change which province is meant.
_PREFIXES = re.compile(r"^(thanh pho|tp|tinh|city of|province of)\b\.?\s*")
_SUFFIXES = re.compile(r"\s*\b(city|province)$")
# Older and regional spellings seen in published tables.
_ALIASES = {"daklac": 66, "daclac": 66, "daknong": 67, "baccan": 6, "hcm": 79,
            "hochiminhcity": 79, "tphcm": 79, "saigon": 79, "hue": 46, "kontum": 62, "brvt": 77}


def fold(text: str) -> str:
    """Lower-case, diacritics removed (đ as d), spaces collapsed."""
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", text).strip().lower()


def province_key(name: str) -> str:
    folded = fold(name)
    folded = _PREFIXES.sub("", folded)
    folded = _SUFFIXES.sub("", folded)
    return re.sub(r"[^a-z0-9]", "", folded)


_BY_KEY: dict[str, int] = {}
for _p in PROVINCES:
    for _name in (_p.name_vi, _p.name_en):
        _BY_KEY[province_key(_name)] = _p.code
_BY_KEY.update(_ALIASES)


def match_province(name: object) -> Province | None:
    """The province a spelling names (any diacritics, spacing, `TP.`, `City`, hyphens), or None."""
    if isinstance(name, str):
        code = _BY_KEY.get(province_key(name))
        return BY_CODE[code] if code is not None else None
    return None


def resolve_province(name_or_code: str | int) -> Province | None:
    """A province from a user's argument: its national code or any spelling of its name."""
    text = str(name_or_code).strip()
    code = whole_number(text)
    if code is not None:
        return BY_CODE.get(code)
    return match_province(text)
