import csv
import json

import pytest

from papi_analysis.provinces import BY_CODE, PROVINCES, UNITS_2025, match_province, resolve_province
from tests.conftest import SHARED


@pytest.mark.parametrize("spelling, code", [
    ("Hà Nội", 1), ("Ha Noi", 1), ("  Hà Nội ", 1), ("Thành phố Hà Nội", 1), ("HA NOI", 1),
    ("TP. Hồ Chí Minh", 79), ("TP Hồ Chí Minh", 79), ("Ho Chi Minh City", 79), ("Hồ Chí Minh", 79),
    ("Thừa Thiên-Huế", 46), ("Thua Thien Hue", 46), ("Bà Rịa-Vũng Tàu", 77), ("Ba Ria - Vung Tau", 77),
    ("Hoà Bình", 17), ("Hòa Bình", 17), ("Tỉnh Hòa Bình", 17), ("Đắk Lắk", 66), ("Dak Lak", 66), ("Đăk Lăk", 66),
    ("Cần Thơ", 92), ("TP. Cần Thơ", 92), ("Can Tho City", 92),
])
def test_spelling_variants_name_the_same_province(spelling, code):
    assert match_province(spelling).code == code


@pytest.mark.parametrize("spelling", ["Hà Tây", "Atlantis", "Tổng", "", "Hà"])
def test_unknown_names_match_nothing(spelling):
    assert match_province(spelling) is None


def test_table_agrees_with_the_published_merger_table():
    with open(SHARED / "reference" / "province-merger-2025.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(PROVINCES) == 63
    for row in rows:
        province = BY_CODE[int(row["province_code"])]
        assert match_province(row["province"]) == province
        assert match_province(province.unit_2025) == match_province(row["province_2025"])
    assert len(UNITS_2025) == 34


def test_every_boundary_feature_names_one_province():
    with open(SHARED / "geo" / "vietnam_provinces_63.geojson", encoding="utf-8") as handle:
        names = [f["properties"]["Name"] for f in json.load(handle)["features"]]
    assert {match_province(n).code for n in names} == set(BY_CODE)


def test_cli_arguments_resolve_by_code_or_name():
    assert resolve_province("17").name_vi == "Hòa Bình"
    assert resolve_province("hoa binh").code == 17
    assert resolve_province("3") is None
