"""Plotly figures for the dashboard and the exports, built from what `analysis` returns.

Every figure has a title naming province, component and year, its unit, and its source; numbers
follow the language (5,43 in Vietnamese). No data is drawn as no data, never as zero.
"""
from __future__ import annotations

import json
import textwrap
from functools import lru_cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from .codebook import COMPONENTS
from .plans import agency_name
from .i18n import figure_text, number, text
from .provinces import BY_CODE, PROVINCES
from .sanitise import chart_text
from .units import UNITS, label as place_label, year_label

GROUP_COLOURS = {1: "#1a7f37", 2: "#7fbf3f", 3: "#f2a541", 4: "#d1495b"}
NO_DATA_COLOUR = "#d9d9d9"
PROVINCE_COLOUR, NATIONAL_COLOUR, BEST_COLOUR, REGION_COLOUR = "#1f4e79", "#8c8c8c", "#1a7f37", "#f2a541"
FONT = "Noto Sans, DejaVu Sans, Arial, sans-serif"  # fonts with full Vietnamese coverage

# Every figure here is drawn on plotly_white. Made the default, a new figure takes it without the
# validating deep copy that `update_layout(template=...)` does (15 ms a figure, on every page view).
pio.templates.default = "plotly_white"


def _frame(figure: go.Figure, title: str, lang: str, unit: str, source_note: str = "") -> go.Figure:
    """Title, unit and source (as a subtitle, so they travel with every exported image), fonts, number format."""
    source = text("chart.source", lang) + (f" {source_note}" if source_note else "")
    # Titles and subtitles wrap rather than run off a phone's screen; the legend sits at the foot of the
    # figure, clear of the subtitle whatever the width.
    figure.update_layout(
        title={"text": wrap(title, 36), "x": 0, "xanchor": "left", "pad": {"l": 16}, "font": {"size": 17},
               "subtitle": {"text": wrap(f"{unit} · {source}", 62), "font": {"size": 11, "color": "#595959"}}},
        font={"family": FONT, "size": 12},
        separators=",." if lang == "vi" else ".,",
        margin={"l": 10, "r": 10, "t": 165, "b": 10},
        legend={"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0.005, "xanchor": "left", "x": 0.01},
    )
    return figure


def wrap(label: str, width: int = 18) -> str:
    """A long component name over several lines, for axis labels and titles; each line escaped (`chart_text`),
    so a name typed with <a href> or <span style> shows as typed, never as a link or styling."""
    return "<br>".join(chart_text(line) for line in textwrap.wrap(label, width)) or chart_text(label)


def component_name(row: pd.Series | dict, lang: str) -> str:
    name = row["name_en"] if lang == "en" else row["name_vi"]
    code = row["code"]
    return f"{code} {name}" if code[0].isdigit() or code.startswith("D") else name


def dimensions_against_nation(card: pd.DataFrame, province: int, year: int, lang: str) -> go.Figure:
    dims = card[card.level == "dimension"]
    title = text("chart.dimensions_title", lang).format(province=place_label(province, lang), year=year_label(province, year, lang),
                                                        count=len(dims))
    return against_nation(dims, province, title, lang, x_max=10.5)


def against_nation(rows: pd.DataFrame, province: int, title: str, lang: str, x_max: float | None = None) -> go.Figure:
    """Components of one level (their scales alike) against the national mean and the best province."""
    # Horizontal bars: the names stay legible from a phone (390 px) to a meeting-room screen.
    labels = [wrap(component_name(r, lang), 26) for _, r in rows.iterrows()]
    figure = go.Figure([
        go.Bar(name=place_label(province, lang), y=labels, x=rows.score, marker_color=PROVINCE_COLOUR, orientation="h",
               text=[number(v, lang) for v in rows.score], textposition="outside", cliponaxis=False),
        go.Bar(name=text("chart.national_mean", lang), y=labels, x=rows.national_mean, marker_color=NATIONAL_COLOUR,
               orientation="h"),
        go.Bar(name=text("chart.best_province", lang), y=labels, x=rows.national_max, marker_color=BEST_COLOUR,
               orientation="h"),
    ])
    x_max = x_max or 1.15 * float(pd.concat([rows.score, rows.national_max]).max())
    figure.update_layout(barmode="group", xaxis={"range": [0, x_max], "title": text("chart.points", lang)},
                         height=200 + 78 * len(rows))
    figure.update_yaxes(autorange="reversed", tickfont={"size": 11})
    unit = text("chart.unit_dimension" if (rows.level == "dimension").all() else "chart.unit_subdimension", lang)
    return _frame(figure, title, lang, unit)


STATUS_COLOURS = {"met": BEST_COLOUR, "not_met": "#d1495b", "pending": "#7a9cc6", "no_data": NO_DATA_COLOUR,
                  "not_understood": "#f2a541"}


def targets_by_agency(by_agency: pd.DataFrame, plan: str, year: int, lang: str) -> go.Figure:
    """Each lead agency's targets, stacked by status: met, not met, pending, no data, not understood."""
    labels = [wrap(agency_name(a, lang), 30) for a in by_agency.agency]
    figure = go.Figure([
        go.Bar(name=text(f"target.{status}", lang), y=labels, x=by_agency[status], orientation="h",
               marker_color=colour, text=[v if v else "" for v in by_agency[status]], textposition="inside",
               textangle=0)  # upright on a phone too, where plotly would turn a label that does not fit
        for status, colour in STATUS_COLOURS.items()])
    figure.update_layout(barmode="stack", height=200 + 46 * len(by_agency),
                         xaxis={"title": text("col.targets", lang), "dtick": 1})
    figure.update_yaxes(autorange="reversed", tickfont={"size": 11})
    title = text("plan.chart_title", lang).format(plan=plan, year=year)
    return _frame(figure, title, lang, text("plan.chart_unit", lang))


def trend(history: pd.DataFrame, peers: dict[str, pd.DataFrame], province: int, component: str,
          breaks: list[tuple[int, int, list]], lang: str) -> go.Figure:
    # Years without a survey release stay gaps in every line, never bridged or zero.
    years = range(int(history.year.min()), int(history.year.max()) + 1)
    history = history.set_index("year").reindex(years).reset_index()
    peers = {name: rows.set_index("year").reindex(years).reset_index() for name, rows in peers.items()}
    figure = go.Figure()
    # Years estimated from former provinces (a 2025 unit before 2025) are drawn dashed with open markers.
    estimated = history.estimate.fillna(False).astype(bool)
    published = history.score.where(~estimated)
    figure.add_scatter(x=history.year, y=published, name=place_label(province, lang), mode="lines+markers",
                       line={"color": PROVINCE_COLOUR, "width": 3}, connectgaps=False)
    if estimated.any():
        bridge = estimated | estimated.shift(1, fill_value=False)  # joins the last estimate to the first figure
        figure.add_scatter(x=history.year, y=history.score.where(bridge),
                           name=f"{place_label(province, lang)} ({text('chart.estimate', lang)})", mode="lines+markers",
                           line={"color": PROVINCE_COLOUR, "width": 2, "dash": "dash"},
                           marker={"symbol": "circle-open", "size": 9}, connectgaps=False)
    figure.add_scatter(x=history.year, y=history.national_mean, name=text("chart.national_mean", lang),
                       mode="lines+markers", line={"color": NATIONAL_COLOUR, "dash": "dash"})
    figure.add_scatter(x=history.year, y=history.region_mean, name=text("chart.region_mean", lang),
                       mode="lines+markers", line={"color": REGION_COLOUR, "dash": "dot"})
    for name, rows in peers.items():
        figure.add_scatter(x=rows.year, y=rows.score, name=chart_text(name), mode="lines+markers", line={"width": 1.5})
    for before, after, _ in breaks:
        figure.add_vline(x=(before + after) / 2, line={"color": "#d1495b", "dash": "dot"})
        figure.add_annotation(x=(before + after) / 2, y=1.02, yref="paper", showarrow=False,
                              text=text("chart.break", lang), font={"size": 10, "color": "#d1495b"})
    figure.update_xaxes(dtick=1, title=text("col.year", lang))
    figure.update_yaxes(title=text("chart.points", lang))
    title = text("chart.trend_title", lang).format(province=place_label(province, lang), component=component,
                                                   first=int(history.year.min()), last=int(history.year.max()))
    return _frame(figure, title, lang, text("chart.unit_points", lang), text("chart.breaks_note", lang) if breaks else "")


def heatmap(matrix: pd.DataFrame, province: int, measure: str, lang: str) -> go.Figure:
    """Components (rows, by code and name) x years (columns) of rank or group; blank where there is no data."""
    colours = [[0, GROUP_COLOURS[1]], [0.33, GROUP_COLOURS[2]], [0.66, GROUP_COLOURS[3]], [1, GROUP_COLOURS[4]]]
    rows = [chart_text(textwrap.shorten(component_name({"code": code, "name_vi": COMPONENTS[code].name_vi,
                                                        "name_en": COMPONENTS[code].name_en}, lang), 42, placeholder="…"))
            for code in matrix.index]
    cells = [["" if pd.isna(v) else str(int(v)) for v in row] for row in matrix.to_numpy(dtype=float)]
    figure = go.Figure(go.Heatmap(
        z=matrix.to_numpy(dtype=float), x=[str(c) for c in matrix.columns], y=rows,
        colorscale=colours if measure == "group" else "RdYlGn_r", text=cells,
        texttemplate="%{text}", hoverongaps=False, showscale=measure == "rank",
        zmin=1 if measure == "group" else None, zmax=4 if measure == "group" else None))
    figure.update_yaxes(autorange="reversed")
    figure.update_layout(height=max(420, 22 * len(matrix)))
    title = text(f"chart.heatmap_title_{measure}", lang).format(province=place_label(province, lang),
                                                               first=matrix.columns.min(), last=matrix.columns.max())
    return _frame(figure, title, lang, text(f"chart.unit_{measure}", lang))


def ranking_bar(table: pd.DataFrame, highlight: str | None, component: str, year: int, lang: str,
                value_column: str = "score", label_column: str = "province", estimate: bool = False) -> go.Figure:
    """Provinces (or 2025 units) best first, each bar labelled; `highlight` is the label of the one to mark.
    A row without a score stays on the axis, labelled as no data."""
    values = table[value_column]
    colours = [PROVINCE_COLOUR if label == highlight else GROUP_COLOURS.get(group, NO_DATA_COLOUR)
               for label, group in zip(table[label_column], table.get("group", pd.Series([0] * len(table))))]
    labels = [text("map.no_data", lang) if pd.isna(v) else number(v, lang) for v in values]
    figure = go.Figure(go.Bar(x=values.fillna(0), y=[chart_text(v) for v in table[label_column]], orientation="h",
                              marker_color=colours,
                              text=labels, textposition="outside", cliponaxis=False,
                              hovertemplate="%{y}: %{text}<extra></extra>"))
    figure.update_yaxes(autorange="reversed", tickfont={"size": 11})
    figure.update_xaxes(range=[0, float(values.max()) * 1.12] if values.notna().any() else None)
    figure.update_layout(height=max(400, 24 * len(table)), showlegend=False, uniformtext={"minsize": 9, "mode": "show"})
    key = "chart.ranking_estimate_title" if estimate else "chart.ranking_title"
    title = text(key, lang).format(component=component, year=year, with_data=int(values.notna().sum()),
                                   total=len(table))
    return _frame(figure, title, lang, text("chart.unit_points", lang),
                  text("chart.estimate_note", lang) if estimate else "")


def indicators_against_nation(rows: pd.DataFrame, province: int, component: str, year: int, lang: str) -> go.Figure:
    """Each indicator on one footing, whatever its unit: 0 is the worst province's figure, 100 the best's
    (for 'lower is better' indicators, the lowest). The raw figures are in the hover."""
    lower = text("indicator.lower_is_better", lang)
    labels = [wrap(f"{code} {str(label)[:80]}" + (f" ({lower})" if better == "lower" else ""), 48)
              for code, label, better in zip(rows.code, rows.label, rows.better)]
    colours = [GROUP_COLOURS[4] if worse else PROVINCE_COLOUR for worse in rows.worse_than_national]
    raw = [f"{figure_text(score, lang, percent, 3)} · {text('chart.national_mean', lang)} "
           f"{figure_text(mean, lang, percent, 3)} · {text('col.rank', lang)} {rank}/{n}" for score, mean, percent, rank, n in
           zip(rows.score, rows.national_mean, rows.percent, rows["rank"], rows.n)]
    figure = go.Figure([
        go.Bar(name=place_label(province, lang), y=labels, x=rows.position, orientation="h", marker_color=colours,
               customdata=raw, hovertemplate="%{y}<br>%{customdata}<extra></extra>",
               text=[number(v, lang, 0) for v in rows.position], textposition="outside"),
        go.Scatter(name=text("chart.national_mean", lang), y=labels, x=rows.national_position, mode="markers",
                   marker={"symbol": "line-ns", "size": 22, "line": {"width": 3, "color": NATIONAL_COLOUR}},
                   hoverinfo="skip"),
    ])
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(range=[0, 110], title_text=text("chart.position_axis", lang))
    figure.update_layout(height=max(360, 70 * len(rows)))
    title = text("chart.indicators_title", lang).format(province=place_label(province, lang),
                                                        component=component, year=year_label(province, year, lang))
    return _frame(figure, title, lang, text("chart.unit_position", lang))


# ---- maps ---------------------------------------------------------------------------------------

# Row, column of each province on a tile grid that keeps Vietnam's shape (north at the top).
TILE_GRID = {
    2: (0, 3), 4: (0, 4),
    12: (1, 1), 10: (1, 2), 8: (1, 3), 6: (1, 4), 20: (1, 5),
    11: (2, 0), 15: (2, 2), 25: (2, 3), 19: (2, 4), 24: (2, 5), 22: (2, 6),
    14: (3, 1), 17: (3, 2), 26: (3, 3), 1: (3, 4), 27: (3, 5), 30: (3, 6), 31: (3, 7),
    37: (4, 3), 35: (4, 4), 33: (4, 5), 34: (4, 6), 36: (4, 7),
    38: (5, 3), 40: (6, 3), 42: (7, 4), 44: (8, 4), 45: (9, 5), 46: (10, 5), 48: (10, 6),
    62: (11, 5), 49: (11, 6), 64: (12, 5), 51: (12, 6), 66: (13, 5), 52: (13, 6),
    67: (14, 4), 68: (14, 5), 54: (14, 6),
    70: (15, 3), 75: (15, 4), 56: (15, 6),
    72: (16, 2), 74: (16, 3), 60: (16, 5), 58: (16, 6),
    80: (17, 2), 79: (17, 3), 77: (17, 4),
    89: (18, 0), 87: (18, 1), 82: (18, 2), 83: (18, 3),
    91: (19, 0), 92: (19, 1), 86: (19, 2), 84: (19, 3),
    93: (20, 1), 94: (20, 2), 96: (21, 0), 95: (21, 1),
}


def _map_categories(values: pd.DataFrame, lang: str, units=PROVINCES) -> pd.DataFrame:
    """One row per province (or 2025 unit), with its group's label, or 'no data'."""
    by_code = values.set_index("province_code") if not values.empty else pd.DataFrame()
    labels = _group_labels(values, lang)
    rows = []
    for province in units:
        has = not by_code.empty and province.code in by_code.index
        group = int(by_code.loc[province.code, "group"]) if has else None
        score = float(by_code.loc[province.code, "score"]) if has else None
        rows.append({"province_code": province.code, "name": province.name(lang),
                     "geo_name": province.name_en, "group": group, "score": score,
                     "category": labels[group] if group else text("map.no_data", lang)})
    return pd.DataFrame(rows)


def _group_labels(values: pd.DataFrame, lang: str) -> dict[int, str]:
    """Each group's name with its range of scores, as the reports print their maps' legends: 'cao nhất
    (7,8579–8,3148)'."""
    labels = {group: text(f"group.{group}", lang) for group in GROUP_COLOURS}
    for group, scores in (values.groupby("group").score if not values.empty else ()):
        low, high = sorted((scores.min(), scores.max()))
        labels[int(group)] += f" ({number(low, lang, 4)}–{number(high, lang, 4)})"
    return labels


def _category_colours(values: pd.DataFrame, lang: str) -> dict[str, str]:
    colours = {_group_labels(values, lang)[g]: colour for g, colour in GROUP_COLOURS.items()}
    colours[text("map.no_data", lang)] = NO_DATA_COLOUR
    return colours


def _groups_unit(values: pd.DataFrame, lang: str) -> str:
    """The map's subtitle: the publishers' quartile groups, or the dashboard's own where none is published."""
    own = "group_basis" in values and values.group_basis.eq("dashboard").any()
    return text("map.unit_dashboard" if own else "map.unit", lang)


TOLERANCE_DEGREES = 0.01  # about 1 km: invisible on a national map


@lru_cache(maxsize=2)
def load_unit_boundaries(path: str) -> dict | None:
    """The 34 units of 1 July 2025: each unit's former provinces dissolved into one outline, the shared
    boundaries gone, the archipelagos kept (they belong to Đà Nẵng's and Khánh Hòa's geometry); then
    simplified like the provinces'."""
    from shapely.geometry import mapping, shape  # the map of the units is the only user
    from shapely.ops import unary_union

    file = Path(path)
    if not file.is_file():
        return None
    with file.open(encoding="utf-8") as handle:
        provinces = {f["properties"]["Name"]: shape(f["geometry"]) for f in json.load(handle)["features"]}
    features = []
    for unit in UNITS:
        merged = unary_union([provinces[BY_CODE[member].name_en].buffer(0) for member in unit.members])
        features.append({"type": "Feature", "properties": {"Name": unit.name_en},
                         "geometry": mapping(merged.simplify(TOLERANCE_DEGREES, preserve_topology=True))})
    return json.loads(json.dumps({"type": "FeatureCollection", "features": features}))  # tuples to lists


@lru_cache(maxsize=2)
def load_boundaries(path: str) -> dict | None:
    """The province boundaries, simplified once per process (Douglas-Peucker, about 1 km): a page
    then sends a tenth of the data, and nothing visible changes at national scale."""
    file = Path(path)
    if not file.is_file():
        return None
    with file.open(encoding="utf-8") as handle:
        boundaries = json.load(handle)
    for feature in boundaries["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        simplified = [[_simplify_ring(ring) for ring in polygon] for polygon in polygons]
        geometry["coordinates"] = simplified if geometry["type"] == "MultiPolygon" else simplified[0]
    return boundaries


def _simplify_ring(ring: list) -> list:
    if len(ring) <= 8:
        return [[round(x, 3), round(y, 3)] for x, y in ring]
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = ring[first][:2], ring[last][:2]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        farthest, distance = first, 0.0
        for k in range(first + 1, last):
            x, y = ring[k][:2]
            d = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > distance:
                farthest, distance = k, d
        if distance > TOLERANCE_DEGREES:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    points = [[round(x, 3), round(y, 3)] for (x, y, *_), kept in zip(ring, keep) if kept]
    return points if len(points) >= 4 else [[round(x, 3), round(y, 3)] for x, y, *_ in ring]


def choropleth(values: pd.DataFrame, boundaries: dict, component: str, year: int, lang: str,
               highlight: int | None = None, units=PROVINCES) -> go.Figure:
    """Province (or 2025 unit) polygons coloured by group, the chosen one outlined, on a blank MapLibre style:
    it draws with no network access (plotly's `geo` maps fetch a world outline from a CDN, which office
    networks often block)."""
    table = _map_categories(values, lang, units)
    colours = [NO_DATA_COLOUR, *GROUP_COLOURS.values()]
    steps = [[round((k + edge) / 5, 6), colour] for k, colour in enumerate(colours) for edge in (0, 1)]
    figure = go.Figure(go.Choroplethmap(
        geojson=boundaries, featureidkey="properties.Name", locations=table.geo_name,
        z=table.group.fillna(0).astype(float).tolist(), zmin=-0.5, zmax=4.5, colorscale=steps, showscale=False,
        marker_line_color="white", marker_line_width=0.6, customdata=table[["name", "score", "category"]].to_numpy(),
        hovertemplate="%{customdata[0]}: %{customdata[1]:.2f}<extra>%{customdata[2]}</extra>"))
    chosen = table[table.province_code == highlight]
    if not chosen.empty:
        figure.add_choroplethmap(geojson=boundaries, featureidkey="properties.Name", locations=chosen.geo_name,
                                 z=[0], colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], showscale=False,
                                 marker_line_color=PROVINCE_COLOUR, marker_line_width=3.5, hoverinfo="skip",
                                 name=chosen.name.iloc[0])
    for category, colour in _category_colours(values, lang).items():  # legend entries only
        figure.add_scattermap(lat=[None], lon=[None], mode="markers", name=category,
                              marker={"size": 12, "color": colour})
    figure.update_layout(map={"style": "white-bg", "center": {"lat": 15.9, "lon": 108.6}, "zoom": 4.35},
                         height=820)
    # Map text layers need a glyph server; paper annotations do not.
    for label, x, y in ((text("map.hoang_sa", lang), 0.80, 0.55), (text("map.truong_sa", lang), 0.86, 0.24)):
        figure.add_annotation(x=x, y=y, xref="paper", yref="paper", text=label, showarrow=False,
                              font={"size": 11, "color": "#1f4e79"})
    return _frame(figure, text("map.title", lang).format(component=component, year=year), lang,
                  _groups_unit(values, lang))


def tile_map(values: pd.DataFrame, component: str, year: int, lang: str, highlight: int | None = None) -> go.Figure:
    table = _map_categories(values, lang)
    table["row"] = table.province_code.map(lambda c: TILE_GRID[c][0])
    table["col"] = table.province_code.map(lambda c: TILE_GRID[c][1])
    figure = go.Figure()
    if highlight in TILE_GRID:  # a frame around the chosen province's tile
        row, col = TILE_GRID[highlight]
        figure.add_shape(type="rect", x0=col - 0.5, x1=col + 0.5, y0=row - 0.5, y1=row + 0.5,
                         line={"color": PROVINCE_COLOUR, "width": 4})
    for category, colour in _category_colours(values, lang).items():
        rows = table[table.category == category]
        if rows.empty:
            continue
        figure.add_scatter(x=rows.col, y=rows.row, mode="markers+text", name=category,
                           marker={"symbol": "square", "size": 44, "color": colour},
                           text=[BY_CODE[c].name(lang)[:9] for c in rows.province_code],
                           textfont={"size": 8}, customdata=rows[["name", "score"]].to_numpy(),
                           hovertemplate="%{customdata[0]}: %{customdata[1]:.2f}<extra>" + category + "</extra>")
    for label, x, y in ((text("map.hoang_sa", lang), 8.6, 10.0), (text("map.truong_sa", lang), 8.6, 16.0)):
        figure.add_annotation(x=x, y=y, text=label, showarrow=False, font={"size": 10, "color": "#1f4e79"})
    figure.update_xaxes(visible=False, range=[-1, 10])
    figure.update_yaxes(visible=False, autorange="reversed")
    figure.update_layout(height=1000, plot_bgcolor="white")
    return _frame(figure, text("map.title", lang).format(component=component, year=year), lang,
                  text("map.unit_tiles", lang))
