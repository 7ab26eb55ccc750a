"""What every page needs: the database and panel (cached per process), and the current selection."""
from __future__ import annotations

import os
import runpy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from papi_analysis import analysis, assignments, charts, plans, store, targets
from papi_analysis.export.report import ReportInputs
from papi_analysis.arguments import whole_number, year_or_none
from papi_analysis.i18n import LANGUAGES, text
from papi_analysis.provinces import resolve_province
from papi_analysis.sanitise import csv_text
from papi_analysis.units import PROVINCES_63, UNIT_BY_ID, UNIT_OF_PROVINCE, UNITS_34, UNITS_FROM, entity, label, unit_set_for

DEFAULT_PROVINCE = 17  # Hòa Bình, whose 2024 plan this tool starts from; PAPI_DEFAULT_PROVINCE overrides


_checked_versions: set[tuple[str, int]] = set()  # files this process has built or brought up to date


def database_version() -> tuple[str, int]:
    """The database file and its modification time: a new ingest swaps the file, and so the caches.
    Each version of the file is checked (built, or its schema brought up to date) once per process:
    every rerun asks for the version several times, and a stat is all it should cost."""
    path = store.default_db_path()
    try:
        version = (str(path), path.stat().st_mtime_ns)
    except FileNotFoundError:
        version = None
    if version not in _checked_versions:
        store.ensure_database(path)
        version = (str(path), path.stat().st_mtime_ns)
        _checked_versions.add(version)
    return version


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(path: str, version: int) -> duckdb.DuckDBPyConnection:
    return store.open_readonly(Path(path))


@st.cache_resource(max_entries=2, show_spinner=False)
def _panel(path: str, version: int) -> analysis.Panel:
    with store.cursor(_connection(path, version)) as con:
        return analysis.Panel.load(con)


def panel() -> analysis.Panel:
    return _panel(*database_version())


@st.cache_resource(max_entries=32, show_spinner=False)
def _assignment(path: str, version: int, plan: str | None, year: int | None, province: int | None):
    with store.cursor(_connection(path, version)) as con:
        return assignments.load(con, plan, year, province)


def assignment(plan: str | None, year: int, province: int) -> assignments.Assignment | None:
    """The plan chosen, or else the plan in force for the province in the year (`plans.in_force`)."""
    return _assignment(*database_version(), plan, year, province)


@st.cache_resource(max_entries=16, show_spinner=False)
def _plans_for(path: str, version: int, province: int) -> list[plans.StoredPlan]:
    with store.cursor(_connection(path, version)) as con:
        return plans.stored_plans(con, province)


def plans_for(province: int) -> list[plans.StoredPlan]:
    """The plans a province may use, latest first."""
    return _plans_for(*database_version(), province)


@st.cache_resource(max_entries=64, show_spinner=False)
def _in_force(path: str, version: int, province: int, year: int) -> str | None:
    with store.cursor(_connection(path, version)) as con:
        return plans.in_force(con, province, year)


def in_force(province: int, year: int) -> str | None:
    """The plan in force for the province in the year: the one rule, `plans.in_force`."""
    return _in_force(*database_version(), province, year)


@st.cache_resource(max_entries=64, show_spinner=False)
def _progress(path: str, version: int, province: int, year: int, plan: str | None, lang: str):
    with store.cursor(_connection(path, version)) as con:
        return targets.progress(con, _panel(path, version), province, year, plan, lang)


def progress(province: int, year: int, plan: str | None, lang: str):
    """(the plan, its targets judged against the year's results): the plan named, or the one in force."""
    return _progress(*database_version(), province, year, plan, lang)


@st.cache_resource(max_entries=16, show_spinner=False)
def _plan_rows(path: str, version: int, plan: str) -> list[plans.AppendixRow]:
    with store.cursor(_connection(path, version)) as con:
        return plans.targets_of(con, plan)


def plan_rows(plan: str) -> list[plans.AppendixRow]:
    """Every row of a plan, as imported or edited."""
    return _plan_rows(*database_version(), plan)


def plan_version(plan: str) -> plans.PlanVersion:
    """The plan as it is stored now (never cached): the version an editor shows, which a save is checked against."""
    with store.reader() as con:
        return plans.version(con, plan)


def report_inputs(province: int, year: int, plan: str | None, lang: str) -> ReportInputs:
    """What a Word report is drafted from; read when a report is asked for."""
    with store.cursor(_connection(*database_version())) as con:
        return ReportInputs.gather(con, panel(), province, year, plan, lang)


@st.cache_resource(max_entries=4, show_spinner=False)
def _sources(path: str, version: int) -> pd.DataFrame:
    with store.cursor(_connection(path, version)) as con:
        return store.sources(con)


def sources() -> pd.DataFrame:
    return _sources(*database_version())


@st.cache_resource(max_entries=4, show_spinner=False)
def _third_party_years(path: str, version: int) -> list[int]:
    return store.third_party_years(_sources(path, version))


def third_party_years() -> list[int]:
    """The years whose figures come from a third party's compilation (every chart and page notes them)."""
    return _third_party_years(*database_version())


@st.cache_data(max_entries=2, show_spinner=False)
def _tidy_csv(path: str, version: int) -> bytes:
    with store.cursor(_connection(path, version)) as con:
        return csv_text(store.scores(con)).encode("utf-8-sig")


def tidy_csv() -> bytes:
    """Every published score with names and provenance, as the Data page offers it for download."""
    return _tidy_csv(*database_version())


@st.cache_resource(max_entries=64, show_spinner=False)
def _map_figure(path: str, version: int, boundaries_path: str, code: str, label: str, year: int, lang: str,
                province: int):
    as_units = province in UNIT_BY_ID  # the 34 units: published from 2025, estimated before
    units = UNITS_34 if as_units else PROVINCES_63
    values = _panel(path, version).year_rows(year, units.key)
    values = values[values.code == code][["province_code", "score", "group", "group_basis"]]
    boundaries = (charts.load_unit_boundaries if as_units else charts.load_boundaries)(boundaries_path)
    if boundaries is None:
        return charts.tile_map(values, label, year, lang, province), False
    return charts.choropleth(values, boundaries, label, year, lang, province, units.units), True


def map_figure(boundaries_path: str, code: str, label: str, year: int, lang: str, province: int):
    """(the map, whether it is drawn from the boundaries file rather than tiles); built once per view,
    since validating the boundaries costs more than a page rerun may."""
    return _map_figure(*database_version(), boundaries_path, code, label, year, lang, province)


# ---- views: what a page shows, built once per distinct view and shared by every session -----------

@st.cache_resource(max_entries=1024, show_spinner=False)
def _model(view: str, key: tuple, version: tuple[str, int], _compute: Callable[[], Any]) -> Any:
    return _compute()


def model(view: str, key: tuple, compute: Callable[[], Any]) -> Any:
    """What a view shows (its tables, figures, sentences), computed once per view, key and database version
    and shared by every session: read it, never change it. `key` holds everything `compute` depends on."""
    return _model(view, key, database_version(), compute)


@st.cache_data(max_entries=2048, show_spinner=False)
def _replayed(view: str, key: tuple, version: tuple[str, int], _draw: Callable[[], None]) -> None:
    _draw()


@st.cache_data(max_entries=48, show_spinner=False)
def _replayed_large(view: str, key: tuple, version: tuple[str, int], _draw: Callable[[], None]) -> None:
    _draw()  # maps: about 0.6 MB of boundaries each, so fewer are kept


def static(view: str, key: tuple, draw: Callable[[], None], large: bool = False) -> None:
    """Elements without widgets (text, tables, charts) drawn once per view, key and database version; every
    later run replays the recorded elements instead of building them again (Streamlit's cached replay)."""
    (_replayed_large if large else _replayed)(view, key, database_version(), draw)


def clear_caches() -> None:
    """After a write: the next run opens the new file."""
    _connection.clear()
    _panel.clear()
    _assignment.clear()
    _plans_for.clear()
    _in_force.clear()
    _progress.clear()
    _plan_rows.clear()
    _sources.clear()
    _third_party_years.clear()
    _tidy_csv.clear()
    _map_figure.clear()
    _model.clear()
    _replayed.clear()
    _replayed_large.clear()


def default_province() -> int:
    configured = resolve_province(os.environ.get("PAPI_DEFAULT_PROVINCE", "")) if os.environ.get(
        "PAPI_DEFAULT_PROVINCE") else None
    return configured.code if configured else DEFAULT_PROVINCE


# ---- the address bar: one browser-history entry per page change ----------------------------------------
# Every assignment to st.query_params sends the browser a message, and the browser adds a history entry for
# each; Streamlit's own menu also empties the query on a page change, so every kept value was written again:
# four page changes left 17 entries and Back took 5-7 presses. Instead the address is kept here
# (`_address`), written once at the end of each run (`write_address`), and the pages are linked with it
# (`navigation_links`), so that a page change is the browser's one entry and a choice on a page one more.
# A value that is the page's default is left out until chosen (a first visit adds nothing), and Back or
# Forward bring back the values of the address they return to (`init_selection`).

SELECTION = ("lang", "province", "year")


def _address() -> dict[str, str]:
    return st.session_state.setdefault("_address", {})


def _history_navigation() -> bool:
    """Whether this run answers the browser's Back or Forward."""
    ctx = get_script_run_ctx()
    return bool(ctx and ctx.is_history_navigation)


def init_selection(years: list[int]) -> None:
    """Province, year and language from the address on a session's first run (and after Back or Forward),
    else the defaults. What a link asks for and cannot be shown is said (`link_notes`), never replaced
    silently."""
    if st.session_state.get("selection_ready") and not _history_navigation():
        return
    params = st.query_params.to_dict()
    if st.session_state.get("selection_ready"):  # Back/Forward: the page choices of that address, too
        for key in (set(_address()) | set(params)) - set(SELECTION):
            _forget(key)
    st.session_state["_address"] = dict(params)
    notes = []
    lang = params.get("lang", "vi")
    if lang not in LANGUAGES:
        notes.append(("link.bad_language", {"asked": lang}))
        lang = "vi"
    _select("lang", lang)
    raw = params.get("province", "")
    province = UNIT_BY_ID.get(whole_number(raw)) or (resolve_province(raw) if raw else None)
    code = province.code if province else default_province()
    if raw and province is None:
        notes.append(("link.bad_province", {"asked": raw, "shown": code}))
    raw_year = params.get("year")
    year = year_or_none(raw_year)  # the command line's rule (papi_analysis.arguments)
    year = year if year in years else max(years)
    if raw_year and str(year) != raw_year:
        notes.append(("link.bad_year", {"asked": raw_year, "shown": year}))
    # A unit asked for in a year before the units is the unit's estimate, never its namesake former province.
    st.session_state.as_units = code in UNIT_BY_ID and year < UNITS_FROM
    st.session_state.pop("former_province", None)
    _select("province", code)
    _select("year", year)
    st.session_state.link_notes = notes
    st.session_state.selection_ready = True


def _select(key: str, value) -> None:
    """Set a sidebar choice, the widgets that held it in each language forgotten (see `localized`)."""
    _forget(key)
    st.session_state[key] = value


def _forget(key: str) -> None:
    """A choice and the widgets that hold it in each language (see `localized`), to be seeded afresh."""
    for name in (key, *(f"{key}__{lang}" for lang in LANGUAGES)):
        st.session_state.pop(name, None)


def link_notes(lang: str) -> None:
    """What the opening link asked for and could not be shown, said on the first page it opens."""
    for key, values in st.session_state.pop("link_notes", []):
        shown = values.get("shown")
        if key == "link.bad_province":
            shown = province_label(shown, lang)
        st.warning(text(key, lang).format(**{**values, "shown": shown}))


def url_choice(key: str, options: list, default, what: str = "", name: Callable[[Any], str] = str):
    """A page-level choice, seeded from the address so that a link reproduces it; a value the address asks
    for that the page does not offer is said (`what` names the choice, `name` an option), and the default shown."""
    defaults = st.session_state.setdefault("_address_defaults", {})
    defaults[key] = str(default)
    if key not in st.session_state:
        raw = _address().get(key)
        matches = [o for o in options if str(o) == raw]
        st.session_state[key] = matches[0] if matches else default
        if raw is not None and not matches:
            st.warning(text("link.bad_choice", st.session_state.lang).format(asked=raw, what=what or key,
                                                                            shown=name(default)))
            _address().pop(key)
    elif st.session_state[key] not in options:
        st.session_state[key] = default
    return st.session_state[key]


def keep_in_url(**values) -> None:
    """Keep choices in the address (written at the end of the run): a value the address has, or one that
    differs from the default the page opened with."""
    address, defaults = _address(), st.session_state.get("_address_defaults", {})
    for key, value in values.items():
        if value is None:
            address.pop(key, None)
        elif key in address or str(value) != defaults.get(key):
            address[key] = str(value)


def selection_defaults(**values) -> None:
    """The sidebar's values as the session opened them: left out of the address until changed."""
    defaults = st.session_state.setdefault("_address_defaults", {})
    for key, value in values.items():
        defaults.setdefault(key, str(value))


def write_address() -> None:
    """The run's address, sent to the browser once, and only when it changed."""
    address = _address()
    if st.query_params.to_dict() != address:
        st.query_params.from_dict(address)


def page_link(page, label: str | None = None, icon: str | None = None, container=st) -> None:
    """A link to another page that keeps the address's choices (a plain st.page_link empties the query)."""
    container.page_link(page, label=label, icon=icon, query_params=_address())


def overview_at_the_root() -> None:
    """The app's root address: the Overview page, run as its own file is."""
    runpy.run_path(str(Path(__file__).resolve().parent.parent / "pages" / "overview.py"), run_name="__main__")


def navigation_links(menu, pages: list) -> None:
    """The menu of pages, each linked with the address as the run left it (Streamlit's own menu, hidden,
    would empty the query on every page change)."""
    with menu:
        for page in pages:
            page_link(page)


def localized(widget, key: str, lang: str, **kwargs):
    """A keyed widget whose option labels follow the language, keeping its value when the language changes.

    The browser keeps a select box's choice by its label: after a switch to English the remembered
    'Hòa Bình' matches no option ('Hoa Binh'), and on the next page change Streamlit fell back to the
    first option (Hà Nội). So each language gets its own widget (`key__vi`, `key__en`), seeded from the
    value kept under `key` whenever the language has changed since that widget last ran."""
    widget_key, seen_key = f"{key}__{lang}", f"{key}__lang"
    options = list(kwargs["options"])

    def offered(value):  # choices no longer offered (a peer that became the province) are dropped
        return [choice for choice in value if choice in options] if isinstance(value, list) else \
            (value if value in options else None)

    if widget_key in st.session_state and offered(st.session_state[widget_key]) is None:
        del st.session_state[widget_key]
    elif widget_key in st.session_state:
        st.session_state[widget_key] = offered(st.session_state[widget_key])
    # Seed the widget from the kept value when the language changed, or when the kept value was changed by
    # the page (e.g. a province that became its 2025 unit) and the widget no longer holds it.
    kept = offered(st.session_state.get(key))
    if kept is not None and (st.session_state.get(seen_key) != lang or widget_key not in st.session_state):
        st.session_state[widget_key] = kept
    value = widget(key=widget_key, persist_state="session", **kwargs)
    st.session_state[key] = value
    st.session_state[seen_key] = lang
    return value


def units_for(year: int, as_units: bool) -> list:
    """The provinces or units the sidebar offers for a year: the 34 units from 2025, and for earlier years
    the 63 provinces, or the 34 units as estimated from them."""
    return list(unit_set_for(year, as_units).units)


def follow_unit_set(year: int) -> tuple[bool, tuple[str, str] | None]:
    """Whether the year is seen as the 34 units, and the chosen province kept meaningful as the year or the
    view changes: a former province viewed in 2025 or as the 34 units becomes its unit (the notice to show is
    returned); a unit chosen in 2025 stays that unit in an earlier year, as its estimate (never its namesake
    former province), unless the user came to it from a former province, who goes back there; a unit whose
    view is switched off becomes the former province the user came from, or its namesake."""
    code = st.session_state.province
    from_units_year = st.session_state.get("_last_year", year) >= UNITS_FROM
    st.session_state._last_year = year
    former = st.session_state.get("former_province")  # (former province, its unit) after a move to the unit
    if year < UNITS_FROM and code in UNIT_BY_ID and not st.session_state.get("as_units", False) and \
            from_units_year and not (former and former[1] == code):
        st.session_state.as_units = True
    as_units = year < UNITS_FROM and st.session_state.get("as_units", False)
    to_units = unit_set_for(year, as_units) is UNITS_34
    if to_units and code not in UNIT_BY_ID:
        unit = UNIT_OF_PROVINCE[code]
        st.session_state.province, st.session_state.former_province = unit.code, (code, unit.code)
        return as_units, (entity(code).name_vi, unit.name_vi)
    if not to_units and code in UNIT_BY_ID:
        members = UNIT_BY_ID[code].members
        st.session_state.province = former[0] if former and former[1] == code else members[0]
    return as_units, None


def province_label(code: int, lang: str) -> str:
    """A province's or unit's name, saying 'tỉnh mới' or 'cũ' where both bear it."""
    return label(code, lang)


def leave_pages_folder_mode() -> None:
    """Until st.navigation has run once in a server process, Streamlit treats pages/ as a version-1
    multipage folder: the process's first run executes app.py as one of those pages (its sidebar
    widgets get other ids than in every later run, so the first session lost its province and year
    on its first page change), or runs a deep-linked page alone. Rerun once in navigation mode."""
    if PagesManager.uses_pages_directory:
        _rerun_in_navigation_mode()


def require_frame() -> None:
    """Run the page through app.py: a page that runs without the frame is a deep link served in
    pages-folder mode (see leave_pages_folder_mode)."""
    if not st.session_state.get("selection_ready"):
        _rerun_in_navigation_mode()


def _rerun_in_navigation_mode() -> None:
    PagesManager.uses_pages_directory = False
    st.rerun()
