"""The dashboard on the bundled dataset, 2011-2024: every page opens on the years the vietnamdata compilation
gives (2011-2014), marks them as a third party's, and the trends reach back to 2011 with the breaks marked."""
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from papi_analysis import dataset
from tests.conftest import ROOT, SHARED
from tests.test_app import _NavigationPagesManager, chart_text, open_page, texts

PAGES = ["overview", "trends", "weak", "agencies", "plan", "compare", "map", "data"]


@pytest.fixture(scope="module")
def bundled_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("bundled-app") / "papi.duckdb"
    dataset.load_bundled(db)
    return db


@pytest.fixture
def app(bundled_db, monkeypatch):
    monkeypatch.setattr(app_test_module, "PagesManager", _NavigationPagesManager)
    monkeypatch.setenv("PAPI_DB", str(bundled_db))
    monkeypatch.setenv("PAPI_GEOJSON", str(SHARED / "geo" / "vietnam_provinces_63.geojson"))
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_on_2011(app, page):
    open_page(app, page, province="17", year="2011")
    shown = texts(app) + " ".join(chart_text(app, i) for i in range(len(app.get("plotly_chart"))))
    assert "2011" in shown and "bên thứ ba tổng hợp" in shown  # the compilation's year, marked as a third party's


def test_2014s_provinces_without_figures_are_said_so(app):
    open_page(app, "overview", province="24", year="2014")  # Bắc Giang: blank in the compilation's 2014 sheet
    assert [w.value for w in app.warning] == ["Không có số liệu PAPI của Bắc Giang năm 2014: không có dữ liệu không có "
                                              "nghĩa là không có gì cần cải thiện."]


def test_trends_reach_back_to_2011_with_the_breaks_marked(app):
    open_page(app, "trends", lang="en", province="17")
    app.selectbox(key="component__en").set_value("TOTAL6").run()
    assert not app.exception
    assert list(app.dataframe[0].value["Year"]) == list(range(2011, 2025))
    app.selectbox(key="component__en").set_value("D3").run()
    assert not app.exception
    spec = chart_text(app).replace("<br>", " ")
    assert "definition change" in spec  # the 2016 and 2018 breaks
    assert "2011, 2012, 2013, 2014, 2020, 2021, 2024: compiled by a third party" in spec
