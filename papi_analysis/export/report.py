"""The plan's yearly reports in Word: a lead agency's thematic report (báo cáo chuyên đề) on the components it
leads, and Sở Nội vụ's consolidated report to the provincial People's Committee.

Both are drafts in the form of a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I):
issuing body and number on the left, Quốc hiệu and Tiêu ngữ on the right, place and date, the document's name,
numbered headings, Times New Roman 13–14 on A4, page numbers from the second page, recipients and signature.
Numbers follow the reader's language (43,48; 32/61 in Vietnamese). Charts are images where a browser can
render them, and tables of the same figures where not.
"""
from __future__ import annotations

import dataclasses
import io
import logging
import re
import zipfile
from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from .. import analysis, assignments, estimates, plans, store, targets
from ..assignments import Assignment
from ..charts import against_nation, dimensions_against_nation, trend
from ..codebook import COMPONENTS, TOTAL
from ..i18n import figure_text, number, rank_text, signed, text, third_party_note
from ..provinces import fold
from ..sanitise import clean
from ..units import UNIT_BY_ID, UNIT_OF_PROVINCE, entity, is_unit, official_code
from . import component_title, images, slug, unique_names

log = logging.getLogger(__name__)
FONT = "Times New Roman"
BODY, TABLE, SMALL = Pt(14), Pt(13), Pt(12)  # NĐ 30/2020: body 13–14; "Nơi nhận" 12, its list 11
CITY_CODES = {1, 31, 46, 48, 79, 92}  # centrally-run cities since 2025: Thành phố, not Tỉnh
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


class ReportError(ValueError):
    """The report cannot be drafted (no data for the year, or an agency that leads nothing)."""


@dataclass
class ReportRequest:
    province: int
    year: int
    lang: str = "vi"
    agency: str | None = None  # None: the consolidated report to the People's Committee
    charts: bool = True  # False, or no browser: the charts' figures as tables
    # What the officer enters before download; blank: left to be written in by hand.
    number: str = ""  # '15' (made '15/BC-SNV') or the whole '15/BC-SNV'
    issued: date | None = None  # the day it is signed
    signer_title: str = ""  # 'PHÓ GIÁM ĐỐC' (signed 'KT. GIÁM ĐỐC'); blank: the head of the issuing body
    signer: str = ""  # the signer's full name

    @property
    def signed_off(self) -> bool:
        """Number, date and signer entered: the document is the one to sign, no longer a draft."""
        return bool(self.number and self.issued and self.signer)


@dataclass
class ReportInputs:
    """What a report is drafted from: the plan (with its targets, if it has any) and the sources."""
    assignment: Assignment | None
    plan: str | None  # the plan with targets, or None
    rows: list[plans.AppendixRow]
    sources: pd.DataFrame
    tracked: pd.DataFrame  # the targets judged (targets.track)
    document: str | None = None  # the plan as a document cites it, 'Kế hoạch số 123/KH-UBND ngày 05/6/2024'
    issuer: int | None = None  # the province whose People's Committee issued the plan

    @classmethod
    def gather(cls, con: duckdb.DuckDBPyConnection, panel: analysis.Panel, province: int, year: int,
               plan: str | None = None, lang: str = "vi") -> ReportInputs:
        plan, rows, tracked = targets.judged(con, panel, province, year, plan, lang)
        with_targets = plan if any(row.code and row.target for row in rows) else None
        assignment = assignments.load(con, plan, year, province)
        document, issuer = plan_document(con, plan or (assignment.plan if assignment else None), lang)
        return cls(assignment, with_targets, rows, store.sources(con), tracked, document, issuer)


def plan_document(con: duckdb.DuckDBPyConnection, plan: str | None, lang: str) -> tuple[str | None, int | None]:
    """(the plan as a document cites it, the province that issued it), or (None, None) for a plan without a
    document number (a draft kept in the app): a report then cites none."""
    stored = plans.stored_plan(con, plan) if plan else None
    document = stored.document(lang) if stored else None
    return (document, stored.province) if document else (None, None)


def report(panel: analysis.Panel, inputs: ReportInputs, request: ReportRequest) -> bytes:
    """The .docx bytes of the agency's thematic report (request.agency) or of the consolidated report."""
    card = analysis.scorecard(panel, request.province, request.year)
    if card.empty or card.score.isna().all():
        place = entity(request.province).name(request.lang)
        raise ReportError(text("weak.no_data", request.lang).format(province=place, year=request.year))
    draft = _Draft(panel, inputs, request, card)
    if request.agency:
        draft.agency_report(request.agency)
    else:
        draft.consolidated_report()
    return draft.save()


def every_agency(panel: analysis.Panel, inputs: ReportInputs, request: ReportRequest) -> bytes:
    """A ZIP of every lead agency's thematic report, one .docx each, as today's departments (a merged one answers
    for what it took over): what Sở Nội vụ sends out before it consolidates."""
    agencies = list(dict.fromkeys(plans.current(a) for a in inputs.assignment.agencies())) if inputs.assignment else []
    if not agencies:
        raise ReportError(text("agencies.none", request.lang))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        names = unique_names([slug(text("report.agency_file", request.lang), agency, request.year)
                              for agency in agencies], ".docx")
        for agency, name in zip(agencies, names):
            # Each agency numbers, dates and signs its own report: Sở Nội vụ's entries are not theirs.
            archive.writestr(name, report(panel, inputs, dataclasses.replace(
                request, agency=agency, number="", issued=None, signer_title="", signer="")))
    return buffer.getvalue()


def actual_text(row, lang: str) -> str:
    """The figure a target was judged on, in two decimals as the publishers print scores; in four only where two
    would hide why it was not met (1,4951 against 'Đạt từ 1,50 điểm')."""
    if row["kind"] not in ("score_at_least", "score_rises", "score_holds") or not row["actual"]:
        return targets.actual_text(row, lang)
    value, threshold = float(row["actual"]), row["value"] if row["kind"] == "score_at_least" else 0.0
    decimals = 4 if row["status"] == targets.NOT_MET and round(value, 2) == round(float(threshold), 2) else 2
    return number(value, lang, decimals) if row["kind"] == "score_at_least" else signed(value, lang, decimals)


def place_name(code: int, lang: str) -> str:
    """'Hòa Bình (cũ)': a province or unit as a title names it, a former province merged in 2025 marked so."""
    return entity(code).name(lang) + (text("place.former", lang) if _merged_away(code) else "")


def _merged_away(code: int) -> bool:
    return not is_unit(code) and len(UNIT_OF_PROVINCE[code].members) > 1


# Caveats that stand beside many rows of a table but are facts about the year's source: marked in each row, said
# once below it (the catalogue phrase, its mark, the note).
_ONCE = (("reason.declined_untested", "*", "report.untested_note"), ("reason.basis.dashboard", "**", "report.dashboard_note"))


def caveats_once(reasons: pd.Series, lang: str) -> tuple[list[str], list[str]]:
    """(each row's reasons joined, with the caveats marked, the notes to say once below the table)."""
    joined, notes = ["; ".join(row) for row in reasons], []
    for key, mark, note in _ONCE:
        phrase = text(key, lang).format(drop="\0", prev_year="\0").split("\0")[-1].strip().strip("()")
        if any(phrase in row for row in joined):
            joined = [row.replace(phrase, mark) for row in joined]
            notes.append(text(note, lang))
    return joined, notes


def agencies_in(assignment: Assignment | None, agency: str) -> list[str]:
    """The plan's agencies an agency answers for: itself, and the departments it took over in 2025."""
    if assignment is None:
        return []
    return [a for a in assignment.agencies() if a == agency or plans.current(a) == agency]


def administrative_name(code: int, lang: str) -> str:
    """'tỉnh Hòa Bình (cũ)', 'thành phố Hồ Chí Minh': a province or city as a document names it today, a former
    province that was merged in 2025 marked as such."""
    place = entity(code)
    name = place.name(lang).removeprefix("TP. ")
    city = official_code(place) in CITY_CODES and (is_unit(code) or official_code(place) != 46)  # Huế: a city from 2025
    if lang == "en":
        return name + (" city" if city else " province") + (text("place.former", lang) if _merged_away(code) else "")
    return ("thành phố " if city else "tỉnh ") + name + (text("place.former", lang) if _merged_away(code) else "")


# The head of each kind of body, who signs its documents (by the start of its Vietnamese name).
_HEADS = (("thanh tra", "head.inspectorate"), ("van phong", "head.office"), ("cong an", "head.director"),
          ("so ", "head.director"), ("ban ", "head.board"), ("bo chi huy", "head.command"),
          ("uy ban nhan dan", "head.committee"))


def issuing_body(agency: str | None) -> str:
    """Who issues and signs a report: Sở Nội vụ the consolidated one, an agency (as it is today) its own."""
    return "Sở Nội vụ" if agency is None else plans.current(agency)


def head_title(body: str, lang: str) -> str:
    """'CHÁNH THANH TRA' for Thanh tra tỉnh, 'CHÁNH VĂN PHÒNG' for Văn phòng UBND tỉnh, 'GIÁM ĐỐC' for a Sở or
    Công an tỉnh: the title of the body's head, who signs its reports."""
    folded = fold(body) + " "
    key = next((key for start, key in _HEADS if folded.startswith(start)), "head.other")
    return text(key, lang)


def signer_lines(head: str, title: str, lang: str) -> list[str]:
    """The signer's title as NĐ 30/2020 writes it: the head's title, or for a deputy 'KT. GIÁM ĐỐC' above 'PHÓ GIÁM
    ĐỐC'; a title typed with its own lines ('KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC') kept as typed."""
    title = title.strip()
    if not title:
        return [head.upper()]
    lines = [line.strip().upper() for line in re.split(r"\s*(?:/|\n)\s*", title) if line.strip()]
    if len(lines) == 1 and re.match(r"(pho|deputy|vice)\b", fold(title)):
        return [text("head.on_behalf", lang).format(head=head).upper(), lines[0]]
    return lines


def _abbreviation(agency: str) -> str:
    """'Sở Giáo dục và Đào tạo' -> 'SGDĐT', as in a document's number ('Số: .../BC-SGDĐT')."""
    words = [w for w in re.split(r"[\s,-]+", agency) if w and w.lower() not in ("và", "and", "of", "the")]
    return "".join(w if w.isupper() else w[0].upper() for w in words)


class _Draft:
    def __init__(self, panel: analysis.Panel, inputs: ReportInputs, request: ReportRequest, card: pd.DataFrame):
        self.panel, self.inputs, self.request, self.card = panel, inputs, request, card
        self.lang, self.province, self.year = request.lang, request.province, request.year
        self.place = entity(self.province).name(self.lang)  # in tables and charts
        self.place_named = administrative_name(self.province, self.lang)  # in sentences
        self.estimate = bool(card.estimate.fillna(False).any())
        # The year compared with, where it is a unit's estimate (Phú Thọ 2025 against its 2024 estimate).
        self.compared_with = estimates.compared_with(panel, self.province, self.year)
        # The report is written today, so by today's bodies: Hòa Bình's 2024 results by Phú Thọ's departments.
        self.unit_today = UNIT_BY_ID.get(self.province) or UNIT_OF_PROVINCE[self.province]
        self.sections = 0
        self.document = Document()
        self._page_setup()

    def t(self, key: str, **values) -> str:
        return text(key, self.lang).format(**values)

    def n(self, value, decimals: int = 2) -> str:
        return number(None if pd.isna(value) else float(value), self.lang, decimals)

    def signed(self, value, decimals: int = 2) -> str:
        return signed(None if pd.isna(value) else float(value), self.lang, decimals)

    def name(self, row) -> str:
        return component_title(row, self.lang)

    def names(self, codes) -> str:
        """Components by name, one a line: what a table cell lists, never bare codes."""
        by_code = self.card.set_index("code")
        return "\n".join(self.name({"code": c, **by_code.loc[c, ["name_vi", "name_en"]].to_dict()}) if c in by_code.index
                         else self.name({"code": c, "name_vi": COMPONENTS[c].name_vi, "name_en": COMPONENTS[c].name_en})
                         if c in COMPONENTS else c for c in codes)

    # ---- the document's form --------------------------------------------------------------------

    def _page_setup(self) -> None:
        section = self.document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        for name in ("Normal", "Table Grid"):
            style = self.document.styles[name]
            _font(style.element.get_or_add_rPr(), FONT)
            style.font.size = BODY if name == "Normal" else TABLE
        normal = self.document.styles["Normal"].paragraph_format
        normal.space_after, normal.line_spacing = Pt(6), 1.15
        # The page number in the header's centre, from the second page (NĐ 30/2020, Phụ lục I).
        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_field(paragraph.add_run())
        if not self.request.signed_off:  # a draft says so until its number, date and signer are entered
            footer = section.first_page_footer.paragraphs[0]
            run = footer.add_run(self.t("report.draft_note", date=date.today().strftime("%d/%m/%Y")))
            run.italic, run.font.size = True, Pt(10)

    def paragraph(self, content: str = "", *, bold=False, italic=False, size=None, align=None, indent=True,
                  after: Pt | None = None):
        paragraph = self.document.add_paragraph()
        if content:
            run = paragraph.add_run(clean(content))  # python-docx refuses control characters (not XML)
            run.bold, run.italic = bold, italic
            if size:
                run.font.size = size
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if align is None else align
        if indent and align is None:
            paragraph.paragraph_format.first_line_indent = Cm(1)
        if after is not None:
            paragraph.paragraph_format.space_after = after
        return paragraph

    def heading(self, content: str) -> None:
        """'I. KẾT QUẢ CHUNG': numbered as administrative documents are, in Roman numerals."""
        self.sections += 1
        paragraph = self.paragraph(f"{ROMAN[self.sections - 1]}. {content.upper()}", bold=True)
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.space_before = Pt(6)

    def subheading(self, number_: int, content: str) -> None:
        paragraph = self.paragraph(f"{number_}. {content}", bold=True)
        paragraph.paragraph_format.keep_with_next = True

    def table(self, frame: pd.DataFrame, widths: list[float]) -> None:
        """A bordered table, its header row repeated on each page; widths in cm (16.5 cm of text width)."""
        widths = _fitted(frame, widths)
        table = self.document.add_table(rows=1, cols=len(frame.columns), style="Table Grid")
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        header = table.rows[0]
        _repeat_header(header)
        for cell, column in zip(header.cells, frame.columns):
            _cell_text(cell, str(column), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        # Figures centred; the first column, and any of sentences, read from the left.
        prose = [k == 0 or frame.iloc[:, k].map(lambda v: len(str(v)) > 30).any() for k in range(len(frame.columns))]
        for values in frame.itertuples(index=False):
            cells = table.add_row().cells
            for k, (cell, value) in enumerate(zip(cells, values)):
                blank = value is None or (isinstance(value, float) and pd.isna(value))
                _cell_text(cell, "–" if blank else str(value),
                           align=WD_ALIGN_PARAGRAPH.LEFT if prose[k] else WD_ALIGN_PARAGRAPH.CENTER)
        _widths(table, widths)
        self.document.add_paragraph().paragraph_format.space_after = Pt(0)

    def chart_or_table(self, figure_of, frame: pd.DataFrame, widths: list[float], caption: str) -> None:
        """The chart as an image when a browser can render it, else its figures as a table."""
        picture = None
        if self.request.charts and images.browser_path() is not None:
            try:
                figure = figure_of()
                picture = images.image(figure, width=800, height=int(figure.layout.height or 500), scale=2)
            except Exception:  # noqa: BLE001: a failed rendering must not lose the report; the table replaces it
                log.exception("chart rendering failed; the report shows the figures as a table")
        if picture is None:
            self.paragraph(caption, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=Pt(2))
            self.table(frame, widths)
        else:
            self.document.add_picture(io.BytesIO(picture), width=Cm(15))
            self.document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            self.document.paragraphs[-1].paragraph_format.keep_with_next = True
            self.paragraph(caption, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)

    def letterhead(self, body: str, number_code: str) -> None:
        """Issuing body and number | Quốc hiệu, Tiêu ngữ, place and date; then the name of the document."""
        unit = self.unit_today
        parent = f"UBND {administrative_name(unit.code, 'vi').upper()}" if self.lang == "vi" else \
            f"PEOPLE'S COMMITTEE OF {administrative_name(unit.code, 'en').upper()}"
        table = self.document.add_table(rows=1, cols=2)
        _widths(table, [6.0, 10.5])
        left, right = table.rows[0].cells
        _cell_text(left, parent, size=Pt(13), align=WD_ALIGN_PARAGRAPH.CENTER)
        _cell_text(left, body.upper(), bold=True, size=Pt(13), align=WD_ALIGN_PARAGRAPH.CENTER, new=True)
        number_ = self.request.number.strip()
        _cell_text(left, self.t("report.number_given", number=number_ if "/" in number_ else f"{number_}/BC-{number_code}")
                   if number_ else self.t("report.number", code=number_code),
                   size=Pt(13), align=WD_ALIGN_PARAGRAPH.CENTER, new=True)
        _cell_text(right, self.t("report.nation"), bold=True, size=Pt(13), align=WD_ALIGN_PARAGRAPH.CENTER)
        motto = _cell_text(right, self.t("report.motto"), bold=True, size=Pt(14), align=WD_ALIGN_PARAGRAPH.CENTER,
                           new=True)
        motto.runs[0].underline = True
        _cell_text(right, self.place_date(unit.name(self.lang)), italic=True, size=Pt(14),
                   align=WD_ALIGN_PARAGRAPH.CENTER, new=True)
        self.paragraph(after=Pt(0))

    def place_date(self, place: str) -> str:
        """'Phú Thọ, ngày 05 tháng 12 năm 2026' (a day below 10 and months 1 and 2 with a leading zero, NĐ 30/2020),
        or the blanks to write it in by hand."""
        issued = self.request.issued
        if issued is None:
            return self.t("report.place_date", place=place, year=date.today().year)
        if self.lang == "en":
            return f"{place}, {issued.day} {issued:%B} {issued.year}"
        month = f"{issued.month:02d}" if issued.month < 3 else str(issued.month)
        return self.t("report.place_date_given", place=place, day=f"{issued.day:02d}", month=month, year=issued.year)

    def title(self, name: str, subject: str, recipient: str) -> None:
        self.paragraph(name, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=Pt(0))
        self.paragraph(subject, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        self.paragraph(self.t("report.to", recipient=recipient), align=WD_ALIGN_PARAGRAPH.CENTER, after=Pt(12))

    def closing(self, recipients: list[str], head: str) -> None:
        """'Nơi nhận' on the left; the signer's title, room to sign and the signer's name on the right. The
        paragraph before stays on its page (keep with next), so the signature is never alone on the last one."""
        for paragraph in self.document.paragraphs[-2:]:
            paragraph.paragraph_format.keep_with_next = True
        table = self.document.add_table(rows=1, cols=2)
        _widths(table, [8.0, 8.5])
        _keep_on_one_page(table.rows[0])
        left, right = table.rows[0].cells
        _cell_text(left, self.t("report.recipients"), bold=True, italic=True, size=SMALL)
        for line in recipients:
            _cell_text(left, line, size=Pt(11), new=True)
        for k, line in enumerate(signer_lines(head, self.request.signer_title, self.lang)):
            _cell_text(right, line, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, new=k > 0)
        if not self.request.signer:
            _cell_text(right, self.t("report.signer_name"), italic=True, size=SMALL, align=WD_ALIGN_PARAGRAPH.CENTER,
                       new=True)
        for _ in range(3):
            _cell_text(right, "", new=True)
        if self.request.signer:
            _cell_text(right, self.request.signer.strip(), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, new=True)
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
                    paragraph.paragraph_format.keep_together = True

    def to_fill(self, number_: int, heading: str, hint: str) -> None:
        """A section the agency writes itself: headed, with what belongs in it, and room to write."""
        self.subheading(number_, heading)
        self.paragraph(hint, italic=True)
        self.paragraph("[…]")

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()

    # ---- figures in words -----------------------------------------------------------------------

    def group_name(self, group) -> str:
        return "–" if pd.isna(group) else self.t(f"group.{int(group)}")

    def rank(self, row) -> str:
        return rank_text(row["rank"], row["rank_last"], row["n"])

    def standing(self, row) -> str:
        """'43,48 điểm, xếp thứ 32/61, nhóm trung bình thấp; so với 2023: −0,07 điểm, giảm 12 bậc'."""
        if pd.isna(row["score"]):
            return self.t("report.no_score")
        sentence = self.t("report.standing", score=self.n(row["score"]), rank=self.rank(row),
                          group=self.group_name(row["group"]))
        if not pd.isna(row["change"]):
            against = estimates.compared_with(self.panel, self.province, self.year, row["code"])
            change, places = self.signed(row["change"]), self.places(row["rank_change"])
            sentence += self.t("report.change", prev_year=int(row["prev_year"]), change=change, places=places) \
                if against is None else self.t("report.change_against", estimate=against.short(self.lang),
                                               change=change, places=places)
            if row["comparability"]:
                sentence += f" ({text('pack.not_comparable', self.lang)})"
        return sentence

    def places(self, rank_change) -> str:
        if pd.isna(rank_change) or rank_change == 0:
            return self.t("report.rank_same")
        key = "report.rank_up" if rank_change > 0 else "report.rank_down"
        return self.t(key, k=abs(int(rank_change)))

    def standing_table(self, rows: pd.DataFrame) -> None:
        self.table(pd.DataFrame({
            self.t("col.component"): [self.name(r) for _, r in rows.iterrows()],
            self.t("col.score"): [self.n(v) for v in rows.score],
            self.t("col.change"): [self.signed(v) for v in rows.change],
            self.t("col.rank"): [self.rank(r) for _, r in rows.iterrows()],
            self.t("col.group"): [self.group_name(g) for g in rows.group],
            self.t("report.col.median"): [self.n(v) for v in rows.national_median],
            self.t("report.col.best"): [self.n(v) for v in rows.national_max]}),
            [5.0, 1.8, 1.8, 1.9, 2.2, 1.9, 1.9])

    def against_nation(self, rows: pd.DataFrame, title: str, figure_of) -> None:
        frame = pd.DataFrame({
            self.t("col.component"): [self.name(r) for _, r in rows.iterrows()],
            self.place: [self.n(v) for v in rows.score],
            self.t("chart.national_mean"): [self.n(v) for v in rows.national_mean],
            self.t("chart.best_province"): [self.n(v) for v in rows.national_max]})
        self.chart_or_table(figure_of, frame, [7.0, 3.0, 3.25, 3.25], title)

    def targets_table(self, tracked: pd.DataFrame, with_agency: bool) -> None:
        frame = pd.DataFrame({
            self.t("col.component"): [self.component_label(code, label)
                                      for code, label in zip(tracked.code, tracked.component)],
            self.t("col.target"): tracked.target,
            self.t("col.actual"): [self.actual(r) for _, r in tracked.iterrows()],
            self.t("col.target_status"): [self.t(f"target.{s}") for s in tracked.status]})
        widths = [4.5, 4.5, 2.5, 2.5]
        if with_agency:
            frame[self.t("col.lead_agency")] = [plans.agency_label(a, self.lang) if a else "–"
                                                for a in tracked.lead_agency]
            widths = [3.6, 3.6, 2.2, 2.2, 4.9]
        self.table(frame, widths)

    def component_label(self, code, label) -> str:
        if not isinstance(code, str):
            return label
        return self.name({"code": code, "name_vi": label, "name_en": label})

    def actual(self, row) -> str:
        return actual_text(row, self.lang)

    def targets_section(self, tracked: pd.DataFrame, with_agency: bool) -> None:
        """The targets (all, or the agency's), how many were met, and each one; or why there are none."""
        self.heading(self.t("report.targets"))
        if tracked.empty:
            self.paragraph(self.t("report.no_agency_targets" if not self.inputs.tracked.empty else "report.no_targets",
                                  year=self.year))
        else:
            self.paragraph(self.targets_summary(tracked))
            self.targets_table(tracked, with_agency)

    def targets_summary(self, tracked: pd.DataFrame) -> str:
        counts = tracked.status.value_counts()
        plan = self.inputs.document or self.t("report.the_plan")
        return self.t("report.targets_summary", count=len(tracked), plan=plan[0].upper() + plan[1:],
                      **{status: int(counts.get(status, 0)) for status in targets.STATUSES})

    def basis(self) -> str:
        """The legal basis the report opens with: the plan as issued ('Thực hiện Kế hoạch số 123/KH-UBND ngày
        05/6/2024 của Ủy ban nhân dân tỉnh Hòa Bình (cũ), '), or nothing for a plan that is only a draft in the
        app, whose name is no basis a signed document can cite."""
        if not self.inputs.document:
            return ""
        issuer = administrative_name(self.inputs.issuer or self.province, self.lang)
        return self.t("report.under_plan", plan=self.inputs.document, issuer=issuer)

    def opening(self, key: str, **values) -> str:
        sentence = self.t(key, basis=self.basis(), **values)
        return sentence[0].upper() + sentence[1:]

    def estimate_warning(self) -> None:
        """Said once, at the start: a 2025 unit before 2025 (every figure an estimate from its former provinces),
        or a unit's changes computed against such an estimate, with the former provinces that lack data."""
        if self.estimate:
            unit = entity(self.province)
            self.paragraph(self.t("overview.estimate", unit=unit.name(self.lang), year=self.year,
                                  members=", ".join(entity(m).name(self.lang) for m in unit.members)),
                           bold=True, italic=True)
        against = self.compared_with
        if against is not None:
            self.paragraph(self.t("estimate.compared", year=self.year, prev_year=against.year,
                                  province=self.place_named, estimate=against.words(self.lang)),
                           bold=True, italic=True)

    def sources_note(self) -> None:
        sources = self.inputs.sources
        loaded = sources[(sources.status == "loaded") & (sources.year <= self.year)]
        lines = [self.t("report.sources_intro"), text("note.unweighted", self.lang),
                 text("note.comparability", self.lang), text("note.groups", self.lang),
                 third_party_note(loaded.year.unique(), store.third_party_years(sources), self.lang)]
        for row in loaded[loaded.year.isin([self.year, self.year - 1])].itertuples():
            lines.append(f"{int(row.year)}: {row.file_name}, {self.t('col.sheet')} '{row.sheet}' "
                         f"({self.t(f'origin.{row.origin}')})")
        for k, line in enumerate(line for line in lines if line):
            self.paragraph(line, italic=k > 0, size=SMALL)

    # ---- the two reports ------------------------------------------------------------------------

    def consolidated_report(self) -> None:
        card, place, year = self.card, self.place_named, self.year
        self.letterhead(self.t("report.home_affairs"), "SNV" if self.lang == "vi" else "DOHA")
        self.title(self.t("report.name"), self.t("report.consolidated_subject", year=year, province=place),
                   self.t("report.committee", province=administrative_name(self.unit_today.code, self.lang)))
        compiled = year in store.third_party_years(self.inputs.sources)  # never credited to the publishers alone
        self.paragraph(self.opening("report.consolidated_intro_third_party" if compiled else "report.consolidated_intro",
                                    year=year, province=place))
        self.estimate_warning()

        self.heading(self.t("report.overall"))
        total = card[card.code == TOTAL]
        if total.empty or pd.isna(total.score.iloc[0]):
            self.paragraph(self.t("overview.no_total", province=place, year=year))
        else:
            self.paragraph(self.t("report.total", year=year, province=place) + self.standing(total.iloc[0]) + ".")
        for sentence in analysis.summary(card, self.lang):
            self.paragraph(sentence)
        self.total_over_the_years()

        dims = card[card.level == "dimension"]
        self.heading(self.t("report.dimensions", count=len(dims)))
        for k, group in enumerate(range(1, 5), start=1):
            members = dims[dims.group == group]
            names = "; ".join(f"{self.name(r)} ({self.n(r['score'])}; {self.rank(r)})"
                              for _, r in members.iterrows()) or self.t("report.none")
            self.paragraph(self.t("report.group_line", group=group, name=self.group_name(group)) + names + ".")
        missing = dims[dims.group.isna()]
        if not missing.empty:
            self.paragraph(self.t("report.no_group") + "; ".join(self.name(r) for _, r in missing.iterrows()) + ".")
        self.standing_table(dims)
        self.against_nation(dims, self.t("report.chart_dimensions", province=place, year=year),
                            lambda: dimensions_against_nation(card, self.province, year, self.lang))

        self.heading(self.t("report.attention"))
        flagged = analysis.flags_with_agencies(self.panel, self.province, year, self.inputs.assignment, lang=self.lang)
        pressing = flagged[flagged.tier != analysis.LOW_ON_SCALE]
        if pressing.empty:
            self.paragraph(text("weak.none", self.lang))
        else:
            self.paragraph(self.t("report.attention_intro", count=len(pressing)))
            reasons, notes = caveats_once(pressing.reasons, self.lang)
            self.table(pd.DataFrame({
                self.t("col.component"): [self.name(r) for _, r in pressing.iterrows()],
                self.t("col.score"): [self.n(v) for v in pressing.score],
                self.t("col.rank"): [self.rank(r) for _, r in pressing.iterrows()],
                self.t("col.reasons"): reasons,
                self.t("col.lead_agency"): pressing.lead_agency.fillna("–")}), [3.9, 1.4, 1.6, 6.2, 3.4])
            for note in notes:
                self.paragraph(note, italic=True, size=SMALL)
        low_only = flagged[flagged.tier == analysis.LOW_ON_SCALE]
        if not low_only.empty:
            self.paragraph(self.t("report.low_only", count=len(low_only),
                                  codes="; ".join(self.name(r) for _, r in low_only.iterrows())))

        self.targets_section(self.inputs.tracked, with_agency=True)

        self.heading(self.t("report.by_agency"))
        self.agencies_table(flagged)

        self.heading(self.t("report.assessment"))
        self.to_fill(1, self.t("report.fill.results"), self.t("report.fill.results_hint"))
        self.to_fill(2, self.t("report.fill.causes"), self.t("report.fill.causes_hint"))
        self.to_fill(3, self.t("report.fill.next"), self.t("report.fill.next_hint"))
        self.to_fill(4, self.t("report.fill.proposals"), self.t("report.fill.proposals_hint"))
        self.sources_note()
        self.closing([self.t("report.to_committee"), self.t("report.to_agencies"), self.t("report.archive")],
                     head_title(issuing_body(None), self.lang))

    def total_over_the_years(self) -> None:
        """The total score, rank and group in every year up to the report's: the trend leaders ask about."""
        history = analysis.history(self.panel, self.province, TOTAL)
        history = history[history.year <= self.year]
        if len(history) < 2:
            return
        name = COMPONENTS[TOTAL].name_en if self.lang == "en" else COMPONENTS[TOTAL].name_vi
        breaks = analysis.comparability_breaks(TOTAL, history.year.tolist())
        frame = pd.DataFrame({
            self.t("col.year"): history.year.astype(str),
            self.t("col.score"): [self.n(v) for v in history.score],
            self.t("col.rank"): [rank_text(r, None, n) for r, n in zip(history["rank"], history.n)],
            self.t("col.group"): [self.group_name(g) for g in history.group],
            self.t("chart.national_mean"): [self.n(v) for v in history.national_mean]})
        self.chart_or_table(lambda: trend(history, {}, self.province, name, breaks, self.lang), frame,
                            [2.0, 2.5, 2.5, 4.0, 3.5],
                            self.t("report.chart_total", province=self.place_named, first=int(history.year.min()),
                                   year=self.year))
        notes = [text("note.comparability", self.lang)] if breaks else []
        if history.year.min() < 2018:  # totals the workbooks never published: sums of the dimensions
            notes.append(text("pack.derived", self.lang))
        if notes:
            self.paragraph(" ".join(notes), italic=True, size=SMALL)

    def agencies_table(self, flagged: pd.DataFrame) -> None:
        assignment = self.inputs.assignment
        if assignment is None:
            self.paragraph(text("agencies.none", self.lang))
            return
        by_agency = targets.by_agency(self.inputs.tracked).set_index("agency") if not self.inputs.tracked.empty \
            else pd.DataFrame()
        flagged_codes = set(flagged[flagged.tier != analysis.LOW_ON_SCALE].code)
        rows = []
        for agency in assignment.agencies():
            codes = assignment.codes_led_by(agency)
            counts = by_agency.loc[agency] if agency in by_agency.index else None
            led = self.names(codes).split("\n")
            rows.append({
                self.t("col.lead_agency"): plans.agency_label(agency, self.lang),
                self.t("report.col.leads"): "\n".join(
                    name + (self.t("report.needs_attention") if code in flagged_codes else "")
                    for code, name in zip(codes, led)),
                self.t("report.col.targets"): "–" if counts is None else
                self.t("report.targets_count", count=int(counts["targets"]), met=int(counts[targets.MET]),
                       not_met=int(counts[targets.NOT_MET]))})
        if rows:
            self.table(pd.DataFrame(rows), [4.5, 8.5, 3.5])
        else:  # a plan whose rows name no lead agency: say so, an empty table has no columns to draw
            self.paragraph(self.t("report.no_lead_agencies"))

    def agency_report(self, agency: str) -> None:
        assignment, lang, year, place = self.inputs.assignment, self.lang, self.year, self.place_named
        answers_for = agencies_in(assignment, agency)
        if not answers_for:
            led = ", ".join(assignment.agencies()) if assignment else "–"
            raise ReportError(self.t("report.no_agency", agency=agency, agencies=led))
        led = [c for a in answers_for for c in assignment.codes_led_by(a)]
        # A dimension led brings its sub-dimensions: the agency answers for the parts that make it up.
        codes = list(dict.fromkeys(led + self.card[self.card.parent.isin(led)].code.tolist()))
        today = issuing_body(agency)
        self.letterhead(plans.agency_name(today, lang), _abbreviation(today))
        self.title(self.t("report.name"), self.t("report.agency_subject", year=year, province=place,
                                                 agency=plans.agency_name(today, lang)),
                   self.t("report.home_affairs_of", province=administrative_name(self.unit_today.code, lang)))
        former = [plans.agency_name(a, lang) for a in answers_for if a != today]
        self.paragraph(self.opening("report.agency_intro", agency=plans.agency_name(today, lang), year=year,
                                    province=place)
                       + (self.t("report.agency_took_over", agencies=", ".join(former)) if former else ""))
        self.estimate_warning()

        card = self.card[self.card.code.isin(codes)]
        self.heading(self.t("report.agency_results"))
        for _, row in card[card.code.isin(led)].iterrows():
            self.paragraph(self.t("report.component_standing", name=self.name(row), standing=self.standing(row))
                           if not pd.isna(row["score"]) else f"{self.name(row)}: {self.standing(row)}.")
        self.standing_table(card)
        charted = card[card.level == "subdimension"]
        charted = charted if not charted.empty else card[card.level == "dimension"]
        if not charted.empty:
            title = self.t("report.chart_agency", province=self.place, year=year)
            self.against_nation(charted, title, lambda: against_nation(charted, self.province, title, lang))

        tracked = self.inputs.tracked
        self.targets_section(tracked[tracked.lead_agency.isin(answers_for)] if not tracked.empty else tracked,
                             with_agency=False)

        self.heading(self.t("report.weak_indicators"))
        self.weak_indicators(card)

        self.heading(self.t("report.tasks"))
        tasks = [r for r in self.inputs.rows if r.lead in answers_for and r.tasks]
        if not tasks:
            self.paragraph(self.t("report.no_tasks"))
        for row in tasks:
            label = self.component_label(row.code, row.label) if row.code else row.label
            deadline = f" ({self.t('col.deadline').lower()}: {row.deadline})" if row.deadline else ""
            self.paragraph(f"– {label}: {row.tasks}{deadline}.")

        self.heading(self.t("report.assessment"))
        self.to_fill(1, self.t("report.fill.task_results"), self.t("report.fill.task_results_hint"))
        self.to_fill(2, self.t("report.fill.causes"), self.t("report.fill.causes_hint"))
        self.to_fill(3, self.t("report.fill.proposals"), self.t("report.fill.agency_proposals_hint"))
        self.sources_note()
        self.closing([self.t("report.to_home_affairs"), self.t("report.archive")], head_title(today, lang))

    def weak_indicators(self, card: pd.DataFrame) -> None:
        """Beneath each sub-dimension the agency answers for: the indicators worse than the national mean."""
        subdimensions = set(card[card.level == "subdimension"].code)
        for dimension in card[card.level == "dimension"].code:  # a dimension led brings its sub-dimensions
            subdimensions |= set(self.card[self.card.parent == dimension].code)
        published = written = False
        for code in sorted(subdimensions):
            rows = analysis.indicators_of(self.panel, self.province, self.year, code, self.lang)
            published |= not rows.empty
            weak = rows[rows.worse_than_national.astype(bool)]
            if weak.empty:
                continue
            written = True
            name = self.card.set_index("code").loc[code, "name_en" if self.lang == "en" else "name_vi"]
            self.paragraph(f"{code} {name}:", bold=True, indent=False)
            for _, row in weak.iterrows():
                self.paragraph(self.t("report.indicator", code=row["code"], label=row["label"],
                                      score=figure_text(row["score"], self.lang, row["percent"]),
                                      mean=figure_text(row["national_mean"], self.lang, row["percent"]),
                                      rank=rank_text(row["rank"], row["rank_last"], row["n"])))
        if not published:
            self.paragraph(self.t("report.no_indicators", year=self.year))
        elif not written:
            self.paragraph(self.t("report.no_weak_indicators"))


# ---- python-docx details -----------------------------------------------------------------------

def _font(rpr, name: str) -> None:
    """Times New Roman for every script, Vietnamese included; without theme fonts, which Word prefers."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.endswith("Theme"):
            del fonts.attrib[attribute]
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), name)


def _cell_text(cell, content: str, *, bold=False, italic=False, size=None, align=None, new=False):
    paragraph = cell.add_paragraph() if new else cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.first_line_indent = None
    if align is not None:
        paragraph.alignment = align
    run = paragraph.add_run(clean(content))
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = size
    return paragraph


def _word_cm(word: str, bold: bool, size: float = 13.0) -> float:
    """A word's printed width in cm at `size` points in Times New Roman (Liberation Serif where LibreOffice prints),
    with the cell's margins and borders: a little over, never under. Advance widths of the bold face, measured:
    capitals about 0.72 em, m and w 0.8, i, l, t, r, f, j and marks 0.3, others 0.52; the regular face 5% less;
    LibreOffice leaves 0.65 cm of a cell to margins and borders."""
    em = sum(0.8 if ch in "mwMW" else 0.72 if ch.isupper() else 0.3 if ch in "iltrfj.,;:()'-–/" else 0.52
             for ch in word) * (1.0 if bold else 0.95)
    return em * size * 2.54 / 72 + 0.65


def _words(value: object) -> list[str]:
    """The pieces a line may break between: at spaces, and after a hyphen ('high-' 'average')."""
    return re.findall(r"[^\s-]+-?", str(value))


def _fitted(frame: pd.DataFrame, widths: list[float]) -> list[float]:
    """The widths (cm), widened where a column's longest word would not fit whole ("Change" broken into "Chang"
    and "e"), taking the room from the columns with the most to spare; the table's width is unchanged."""
    need = [max([_word_cm(w, True) for w in _words(column)]
                + [_word_cm(w, False) for value in frame.iloc[:, j] for w in _words(value)] + [0.0])
            for j, column in enumerate(frame.columns)]
    widths = list(widths)
    for j in range(len(widths)):
        while widths[j] < need[j] - 1e-9:
            donor = max(range(len(widths)), key=lambda k: widths[k] - need[k])
            spare = widths[donor] - need[donor]
            if donor == j or spare <= 1e-9:
                break  # no room anywhere: the table keeps what it has
            given = min(need[j] - widths[j], spare)
            widths[donor], widths[j] = widths[donor] - given, widths[j] + given
    return widths


def _widths(table, widths: list[float]) -> None:
    """Fixed column widths in cm: Word reads the cells' widths, LibreOffice the grid's."""
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)


def _row_property(row, name: str) -> None:
    element = OxmlElement(name)
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def _repeat_header(row) -> None:
    _row_property(row, "w:tblHeader")


def _keep_on_one_page(row) -> None:
    _row_property(row, "w:cantSplit")


def _page_field(run) -> None:
    """A PAGE field: Word and LibreOffice fill in the number."""
    for kind, content in (("begin", None), (None, "PAGE"), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText" if content == "PAGE" else "w:t")
            element.set(qn("xml:space"), "preserve")
            element.text = content
        run._r.append(element)
