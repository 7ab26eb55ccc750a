"""The meeting pack: a PowerPoint deck for a province and year, with native (editable) charts.

Slides: title; overview (total, rank, group, change, dimensions against the nation); one per
dimension (its sub-dimensions against the national mean and the best province, with changes);
the flagged components with reasons and lead agencies; the plan's targets and whether each was met; one per
lead agency; sources and caveats. Optionally narrowed to one agency's components. Every slide's title is the
layout's title placeholder, so the outline view, a screen reader and the slide list read it.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from .. import analysis, estimates, store
from ..charts import component_name
from ..assignments import Assignment
from ..plans import agency_label, agency_name, plan_name
from ..codebook import DIMENSION_CODES, TOTAL, comparability_note
from ..i18n import number, signed, text, third_party_note
from ..units import entity
from . import component_title
from .report import actual_text, caveats_once, place_name

WIDE = (Inches(13.333), Inches(7.5))
NAVY, GREY, GREEN, RED = RGBColor(0x1F, 0x4E, 0x79), RGBColor(0x8C, 0x8C, 0x8C), RGBColor(0x1A, 0x7F, 0x37), \
    RGBColor(0xD1, 0x49, 0x5B)
ROWS_PER_TABLE_SLIDE = 7


@dataclass
class PackRequest:
    province: int
    year: int
    lang: str = "vi"
    agency: str | None = None


class _Deck:
    def __init__(self, lang: str):
        self.lang = lang
        self.presentation = Presentation()
        self.presentation.slide_width, self.presentation.slide_height = WIDE
        self.title_only = self.presentation.slide_layouts[5]

    def slide(self, title: str, subtitle: str | None = None):
        """A slide titled in its layout's title placeholder (placed for the wide slide), the subtitle beneath."""
        slide = self.presentation.slides.add_slide(self.title_only)
        heading = slide.shapes.title
        heading.left, heading.top, heading.width, heading.height = Inches(0.5), Inches(0.25), Inches(12.3), Inches(0.7)
        frame = heading.text_frame
        frame.word_wrap = True
        frame.text = title
        paragraph = frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.LEFT
        paragraph.font.size, paragraph.font.bold, paragraph.font.color.rgb = Pt(26), True, NAVY
        if subtitle:
            box = slide.shapes.add_textbox(Inches(0.5), Inches(0.9), Inches(12.3), Inches(0.4))
            box.name = "Subtitle"
            box.text_frame.word_wrap = True
            box.text_frame.text = subtitle
            box.text_frame.paragraphs[0].font.size = Pt(13)
            box.text_frame.paragraphs[0].font.color.rgb = GREY
        return slide

    def bullets(self, slide, lines: list[str], left, top, width, height, size: int = 16) -> None:
        frame = slide.shapes.add_textbox(left, top, width, height).text_frame
        frame.word_wrap = True
        for k, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
            paragraph.text = line
            paragraph.font.size = Pt(size)
            paragraph.space_after = Pt(6)

    def bar_chart(self, slide, categories: list[str], series: dict[str, list[float | None]], left, top, width,
                  height, colours=(NAVY, GREY, GREEN)):
        data = CategoryChartData(number_format="0.00")
        data.categories = categories
        for name, values in series.items():
            data.add_series(name, [None if pd.isna(v) else float(v) for v in values])
        chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, left, top, width, height, data).chart
        chart.has_legend, chart.legend.position, chart.legend.include_in_layout = True, XL_LEGEND_POSITION.TOP, False
        chart.legend.font.size = Pt(12)
        chart.category_axis.tick_labels.font.size = Pt(10)
        chart.value_axis.tick_labels.font.size = Pt(10)
        chart.value_axis.has_major_gridlines = True
        for plot_series, colour in zip(chart.plots[0].series, colours):
            plot_series.format.fill.solid()
            plot_series.format.fill.fore_color.rgb = colour
        plot = chart.plots[0]
        plot.has_data_labels = True
        plot.data_labels.number_format, plot.data_labels.number_format_is_linked = "0.00", False
        plot.data_labels.font.size = Pt(9)
        return chart

    def table(self, slide, frame: pd.DataFrame, left, top, width, widths: list[float]) -> None:
        rows, cols = len(frame) + 1, len(frame.columns)
        shape = slide.shapes.add_table(rows, cols, left, top, width, Inches(0.4) * rows)
        table = shape.table
        for j, (column, share) in enumerate(zip(frame.columns, widths)):
            table.columns[j].width = Emu(int(width * share))
            cell = table.cell(0, j)
            cell.text = str(column)
            cell.text_frame.paragraphs[0].font.size, cell.text_frame.paragraphs[0].font.bold = Pt(12), True
        for i, row in enumerate(frame.itertuples(index=False), start=1):
            for j, value in enumerate(row):
                cell = table.cell(i, j)
                cell.text = "–" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
                cell.text_frame.paragraphs[0].font.size = Pt(11)
                cell.text_frame.word_wrap = True

    def table_slides(self, title: str, frame: pd.DataFrame, widths: list[float], empty: str, notes: list[str]) -> None:
        """A table on as many slides as its rows need ('(1/2)', '(2/2)'), beneath each the notes its rows call for
        (a note marked '(*)' only under rows so marked)."""
        chunks = [frame.iloc[k:k + ROWS_PER_TABLE_SLIDE] for k in range(0, max(len(frame), 1), ROWS_PER_TABLE_SLIDE)]
        for k, chunk in enumerate(chunks):
            slide = self.slide(title + (f" ({k + 1}/{len(chunks)})" if len(chunks) > 1 else ""))
            if chunk.empty:
                self.bullets(slide, [empty], Inches(0.5), Inches(1.5), Inches(12), Inches(1))
                continue
            self.table(slide, chunk, Inches(0.4), Inches(1.3), Inches(12.5), widths)
            marks = " ".join(str(v) for v in chunk.to_numpy().ravel())
            shown = [n for n in notes if not n.startswith("(") or re.search(rf"\({re.escape(n[1:n.index(')')])}[,)]", marks)]
            if shown:
                self.bullets(slide, shown, Inches(0.5), Inches(6.6), Inches(12.3), Inches(0.7), size=11)

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.presentation.save(buffer)
        return buffer.getvalue()


def meeting_pack(panel: analysis.Panel, assignment: Assignment | None, request: PackRequest,
                 sources: pd.DataFrame, tracked: pd.DataFrame | None = None, document: str | None = None) -> bytes:
    """The deck; `tracked`: the plan's targets judged (`targets.track`), shown on their own slides; `document`: the
    plan as issued ('Kế hoạch số 123/KH-UBND ngày 05/6/2024'), cited where the pack names the plan."""
    lang, province, year = request.lang, request.province, request.year
    t = lambda key, **values: text(key, lang).format(**values)  # noqa: E731
    place = place_name(province, lang)  # 'Hòa Bình (cũ)', as the reports name a province merged in 2025
    card = analysis.scorecard(panel, province, year)
    if card.empty or card.score.isna().all():
        raise ValueError(t("weak.no_data", province=place, year=year))
    if card.estimate.fillna(False).any():  # a 2025 unit before 2025: every slide title says it is an estimate
        place = f"{place} ({t('chart.estimate')})"
    against = estimates.compared_with(panel, province, year)  # a unit's change against its estimate of the year before
    flagged = analysis.flags_with_agencies(panel, province, year, assignment, lang=lang)
    scope = set(assignment.codes_led_by(request.agency)) if assignment and request.agency else None
    if scope is not None:
        flagged = flagged[flagged.code.isin(scope)]
    deck = _Deck(lang)

    # title
    slide = deck.slide(t("pack.title", province=place, year=year),
                       t("pack.subtitle", date=date.today().strftime("%d/%m/%Y"))
                       + (f" · {agency_name(request.agency, lang)}" if request.agency else ""))
    deck.bullets(slide, [t("app.subtitle"), t("note.unweighted")], Inches(0.5), Inches(2.5), Inches(12), Inches(2),
                 size=18)

    # overview
    slide = deck.slide(t("pack.overview", province=place, year=year))
    total = card[(card.code == TOTAL) & card.score.notna()]
    lines = []
    if total.empty:
        lines.append(t("overview.no_total", province=place, year=year))
    else:
        row = total.iloc[0]
        lines += [f"{t('overview.total')}: {number(row.score, lang)}",
                  f"{t('overview.rank')}: {t('overview.rank_value', rank=row['rank'], n=row.n)}",
                  f"{t('overview.group')}: {row.group} ({t(f'group.{row.group}')})"]
        if not pd.isna(row.change):
            since = t("overview.change", prev_year=row.prev_year) if against is None else \
                t("pack.change_against", estimate=against.short(lang))
            lines.append(f"{since}: {signed(row.change, lang)}")
    lines += analysis.summary(card, lang)
    deck.bullets(slide, lines, Inches(0.5), Inches(1.4), Inches(4.4), Inches(5.6), size=14)
    dims = card[card.level == "dimension"]
    deck.bar_chart(slide, [component_name(r, lang) for _, r in dims.iterrows()],
                   {place: dims.score.tolist(), t("chart.national_mean"): dims.national_mean.tolist(),
                    t("chart.best_province"): dims.national_max.tolist()},
                   Inches(5.0), Inches(1.3), Inches(8.0), Inches(5.8))

    # one slide per dimension
    for dimension in DIMENSION_CODES:
        subs = card[card.parent == dimension]
        if subs.empty or (scope is not None and not set(subs.code) & scope):
            continue
        head = card[card.code == dimension].iloc[0]
        slide = deck.slide(component_title(head, lang), t("pack.dimension_subtitle", score=number(head.score, lang),
                                                          rank=_rank_text(head, lang)))
        deck.bar_chart(slide, [component_name(r, lang) for _, r in subs.iterrows()],
                       {place: subs.score.tolist(), t("chart.national_mean"): subs.national_mean.tolist(),
                        t("chart.best_province"): subs.national_max.tolist()},
                       Inches(0.5), Inches(1.4), Inches(7.6), Inches(5.7))
        changes = [f"{component_title(r, lang)}: {_change_text(r, year, lang)}" for _, r in subs.iterrows()]
        deck.bullets(slide, [t("col.change") + ":"] + changes, Inches(8.4), Inches(1.6), Inches(4.5), Inches(5.3),
                     size=13)

    # flagged components
    reasons, notes = caveats_once(flagged.reasons, lang)
    table = pd.DataFrame({
        t("col.component"): [component_title(r, lang) for _, r in flagged.iterrows()],
        t("col.score"): [number(v, lang) for v in flagged.score],
        t("col.reasons"): reasons,
        t("col.lead_agency"): flagged.lead_agency.fillna("–")})
    deck.table_slides(t("pack.flags", province=place, year=year), table, [0.25, 0.08, 0.47, 0.2],
                      t("weak.none"), notes)

    # the plan's targets and whether each was met
    if tracked is not None and not tracked.empty:
        if scope is not None:
            tracked = tracked[tracked.lead_agency == request.agency]
        counts = tracked.status.value_counts()
        summary = t("pack.targets_summary", count=len(tracked),
                    statuses=" · ".join(f"{t(f'target.{s}')} {int(n)}" for s, n in counts.items()))
        deck.table_slides(t("pack.targets", plan=document or t("report.the_plan"), year=year), pd.DataFrame({
            t("col.component"): [component_title({"code": c, "name_vi": n, "name_en": n}, lang) if c else n
                                 for c, n in zip(tracked.code, tracked.component)],
            t("col.target"): tracked.target,
            t("col.actual"): [actual_text(r, lang) for _, r in tracked.iterrows()],
            t("col.target_status"): [t(f"target.{s}") for s in tracked.status],
            t("col.lead_agency"): [agency_label(a, lang) if a else "–" for a in tracked.lead_agency]}),
            [0.25, 0.22, 0.17, 0.12, 0.24], "", [summary])

    # one slide per lead agency
    if assignment is not None:
        agencies = [request.agency] if request.agency else assignment.agencies()
        for agency in agencies:
            agency_card, verdict = analysis.agency_scorecard(panel, assignment, agency, province, year, lang=lang)
            slide = deck.slide(agency_label(agency, lang), verdict)
            reasons, notes = caveats_once(agency_card.reasons, lang)
            rows = pd.DataFrame({
                t("col.component"): [component_title(r, lang) for _, r in agency_card.iterrows()],
                t("col.score"): [number(v, lang) for v in agency_card.score],
                t("col.rank"): [_rank_text(r, lang) for _, r in agency_card.iterrows()],
                t("col.change"): [_change_text(r, year, lang) for _, r in agency_card.iterrows()],
                t("col.reasons"): reasons})
            deck.table(slide, rows.head(ROWS_PER_TABLE_SLIDE), Inches(0.4), Inches(1.5), Inches(12.5),
                       [0.3, 0.08, 0.1, 0.17, 0.35])
            if notes:
                deck.bullets(slide, notes, Inches(0.5), Inches(6.6), Inches(12.3), Inches(0.7), size=11)

    # sources and caveats
    slide = deck.slide(t("pack.sources"))
    loaded = sources[(sources.status == "loaded") & (sources.year <= year)]
    provenance = [f"{int(r.year)}: {r.file_name}, {t('col.sheet')} '{r.sheet}' ({t(f'origin.{r.origin}')})"
                  for r in loaded.itertuples()]
    unit = entity(province)
    caveats = [t("overview.estimate", unit=unit.name(lang), year=year,
                 members=", ".join(entity(m).name(lang) for m in getattr(unit, "members", ())))
               if card.estimate.fillna(False).any() else "",
               t("estimate.compared", year=year, province=place_name(province, lang), prev_year=against.year,
                 estimate=against.words(lang)) if against is not None else "",
               t("note.unweighted"), t("note.missing"), t("note.comparability"), t("note.groups"), t("pack.derived"),
               third_party_note(loaded.year.unique(), store.third_party_years(sources), lang),
               t("pack.number_format")]
    if assignment is not None:
        caveats.append(t("pack.assignment", plan=document or plan_name(assignment.plan, lang)))
    deck.bullets(slide, [c for c in caveats if c] + [t("data.sources") + ":"] + provenance, Inches(0.5), Inches(1.3), Inches(12.3),
                 Inches(5.9), size=13)
    return deck.save()


def _rank_text(row, lang: str) -> str:
    return "–" if pd.isna(row["rank"]) else text("overview.rank_value", lang).format(rank=row["rank"], n=row["n"])


def _change_text(row, year: int, lang: str) -> str:
    if pd.isna(row["change"]):
        return "–"
    change = signed(row["change"], lang)
    note = comparability_note(row["code"], int(row["prev_year"]), year)
    return f"{change} ({text('pack.since', lang).format(year=row['prev_year'])}" + \
        (f"; {text('pack.not_comparable', lang)})" if note else ")")
