"""The dashboard, driven as a user would with Streamlit's AppTest."""
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


@pytest.fixture
def app(ingested, monkeypatch):
    monkeypatch.setenv("PAPI_DB", str(ingested[0]))
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)


def test_landing_page_shows_the_loaded_years(app):
    app.run()
    assert not app.exception
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Năm có dữ liệu"] == "2015–2023 (7)"
    assert metrics["Tỉnh, thành phố"] == "63"
    assert metrics["Bảng bị bỏ qua"] == "8"
    table = app.dataframe[0].value
    skipped = table[table["Trạng thái"] == "bỏ qua"]
    assert "2021" in set(skipped["Trang tính"])


def test_language_switch_to_english(app):
    app.run()
    app.sidebar.radio[0].set_value("en").run()
    assert not app.exception
    assert app.title[0].value == "PAPI dashboard"
    assert {m.label for m in app.metric} >= {"Years with data", "Sheets skipped"}


def test_a_link_with_lang_opens_in_that_language(app):
    app.query_params["lang"] = "en"
    app.run()
    assert app.title[0].value == "PAPI dashboard"
    assert app.sidebar.radio[0].value == "en"
