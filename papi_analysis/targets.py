"""A plan's targets, read from the phrases plans use, and judged against a year's results.

"Đạt từ 1,50 điểm trở lên", "Tăng ít nhất 01 bậc (so với năm trước)", "Thoát khỏi nhóm thấp nhất", "Xếp
hạng từ 20 trở lên", "trong tốp 10", and their English counterparts. A phrase that cannot be read is kept as
written and judged `not_understood`: never dropped, never guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb
import pandas as pd

from . import analysis, plans
from .i18n import number, rank_text, text
from .provinces import PROVINCES, fold

MET, NOT_MET, NO_DATA, NOT_UNDERSTOOD = "met", "not_met", "no_data", "not_understood"
PENDING = "pending"  # set for a later year than the results judged: no result yet, neither met nor not met
STATUSES = (MET, NOT_MET, PENDING, NO_DATA, NOT_UNDERSTOOD)
# A number is read only where it ends the word: "1e3" or "10a" is no number; read_count/read_score decide doubt.
_NUMBER = r"(\d+(?:[.,]\d+)?)(?![.,]?\w)"
# (kind, folded pattern); the first that matches reads the phrase. Kinds: score_at_least, rank_rise_at_least,
# score_rises, score_holds, group_at_most, rank_at_most.
_PATTERNS = (
    ("score_at_least", rf"(?:dat|giu) (?:tu |tren |it nhat )?{_NUMBER} diem(?: tro len)?"),
    ("score_at_least", rf"(?:at least|reach|score of at least) {_NUMBER} points?"),
    ("rank_rise_at_least", rf"tang (?:it nhat |toi thieu )?{_NUMBER} (?:bac|hang)"),
    ("rank_rise_at_least", rf"(?:rise|climb|move up|improve) (?:by )?(?:at least )?{_NUMBER} (?:places?|ranks?)"),
    ("rank_at_most", rf"(?:xep hang|hang|dung) (?:tu |thu )?{_NUMBER} tro len"),
    ("rank_at_most", rf"(?:trong |vao )?top {_NUMBER}"),
    ("rank_at_most", rf"(?:rank(?:ed)?|in the top) {_NUMBER}(?: or (?:better|higher))?"),
    ("group_at_most", r"(?:duy tri|giu vung|o|thuoc)(?: trong)? nhom cao nhat|(?:stay|remain) in the highest group"),
    ("group_at_most_2", r"(?:dat|vao|len|duy tri)(?: trong)? nhom trung binh cao|(?:reach|join) the high[- ]average group"),
    ("group_at_most_3", r"thoat khoi nhom thap nhat|ra khoi nhom thap nhat|(?:leave|get out of|exit) the lowest group"),
    ("score_holds", r"khong giam diem|khong bi giam diem|(?:no|not) (?:decrease|decline|fall)"),
    ("score_rises", r"tang diem|(?:increase|raise|improve) (?:the )?score"),
)
_GROUP_LIMITS = {"group_at_most": 1, "group_at_most_2": 2, "group_at_most_3": 3}


@dataclass(frozen=True)
class Target:
    text: str
    kind: str | None  # None: not understood
    value: float | None = None

    @property
    def understood(self) -> bool:
        return self.kind is not None


def parse(text: str) -> Target:
    """A target phrase as plans write it, Vietnamese or English; numbers with decimal commas and leading zeros."""
    folded = re.sub(r"\s+", " ", fold(str(text or ""))).strip()  # "tốp" folds to "top"
    for kind, pattern in _PATTERNS:
        match = re.search(pattern, folded)
        if match:
            if kind in _GROUP_LIMITS:
                return Target(text, "group_at_most", float(_GROUP_LIMITS[kind]))
            number = match.group(1) if match.groups() else None
            if number is None:
                return Target(text, kind)
            value = _count(number, kind) if kind in _COUNTS else _decimal(number)
            return Target(text, kind, value) if value is not None else Target(text, None)
    return Target(text, None)


_COUNTS = ("rank_rise_at_least", "rank_at_most")


def _decimal(number: str) -> float | None:
    """'1,50' or '7.5'; None where a separator is followed by exactly three digits ('1.000': a thousand in
    Vietnamese, one in English), which no reader can settle."""
    if re.fullmatch(r"\d+[.,]\d{3}", number):
        return None
    return float(number.replace(",", "."))


def _count(number: str, kind: str) -> float | None:
    """A number of places or a rank: a whole number without separators ('01' is 1), and possible among the
    provinces (a rank of at most their number, a rise of fewer places); None otherwise."""
    if not number.isdigit():
        return None
    value = int(number)
    possible = 1 <= value <= len(PROVINCES) if kind == "rank_at_most" else 0 <= value < len(PROVINCES)
    return float(value) if possible else None


def describe(phrase: str, lang: str) -> str:
    """How a target phrase is read, for the preview before a plan is saved: 'điểm từ 1,50 trở lên', 'chưa đọc
    được'."""
    target = parse(phrase)
    if not target.understood:
        return text("target.not_understood", lang)
    value = target.value
    shown = "" if value is None else number(value, lang, 2) if target.kind == "score_at_least" else str(int(value))
    return text(f"target.kind.{target.kind}", lang).format(value=shown)


@dataclass(frozen=True)
class Judgement:
    status: str
    actual: str  # the figure judged: a score, a rank 'r/n', a rank change, a group


def judge(target: Target, row) -> Judgement:
    """A target against a component's scorecard row (score, rank, n, group, change, rank_change), or None."""
    if not target.understood:
        return Judgement(NOT_UNDERSTOOD, "")
    score = _value(row, "score")
    if score is None:
        return Judgement(NO_DATA, "")
    kind, value = target.kind, target.value
    if kind == "score_at_least":
        return Judgement(MET if score >= value - 1e-9 else NOT_MET, f"{score:.4f}")
    if kind in ("score_rises", "score_holds"):
        change = _value(row, "change")
        if change is None:
            return Judgement(NO_DATA, "")
        ok = change > 0 if kind == "score_rises" else change >= 0
        return Judgement(MET if ok else NOT_MET, f"{change:+.4f}")
    rank, n = _value(row, "rank"), _value(row, "n")
    if kind == "rank_rise_at_least":
        rise = _value(row, "rank_change")
        if rise is None:
            return Judgement(NO_DATA, "")
        return Judgement(MET if rise >= value else NOT_MET, f"{int(rise):+d}")
    if kind == "rank_at_most":
        return Judgement(MET if rank <= value else NOT_MET, f"{int(rank)}/{int(n)}")
    group = _value(row, "group")
    return Judgement(MET if group <= value else NOT_MET, f"{int(group)}")


def _value(row, column: str) -> float | None:
    value = row.get(column) if row is not None else None
    return None if value is None or pd.isna(value) else float(value)


@dataclass(frozen=True)
class Counts:
    rows: int
    components: int  # rows naming a component
    targets: int  # of those, rows with a target: what the pages, the reports and the import count
    understood: int


def summary(rows: list) -> Counts:
    """An appendix's rows counted as an import reports them and as `track` judges them."""
    named = [row for row in rows if row.code]
    with_target = [row for row in named if row.target]
    return Counts(len(rows), len(named), len(with_target), sum(1 for row in with_target if parse(row.target).understood))


TRACK_COLUMNS = ["code", "target", "actual", "status", "lead_agency", "kind", "value", "component", "rank",
                 "prev_rank", "tasks", "deadline", "supporting_agencies", "row", "points_to_target"]
_GROUP_FLOOR = {1: "cutoff_high", 2: "cutoff_mid", 3: "cutoff_low"}  # the scorecard's score where groups 1-3 begin


def _points_to_group(target: Target, judgement: Judgement, standing) -> float | None:
    """How far a group target not met is from its group: the planning figure, '0,033 điểm nữa'."""
    if target.kind != "group_at_most" or judgement.status != NOT_MET:
        return None
    floor, score = _value(standing, _GROUP_FLOOR[int(target.value)]), _value(standing, "score")
    return None if floor is None or score is None else abs(floor - score)


def track(card: pd.DataFrame, rows: list, lang: str = "vi", later: bool = False) -> pd.DataFrame:
    """Every target of a plan (`plans.AppendixRow`) judged against a province's scorecard for the year; `later`:
    the plan's targets are for a later year than the scorecard's, so each one understood is `pending`. A row
    naming no component is a general task, never a target."""
    by_code = card.set_index("code") if not card.empty else pd.DataFrame()
    tracked = []
    for row in rows:
        if not row.target or not row.code:
            continue
        target = parse(row.target)
        standing = by_code.loc[row.code] if row.code in by_code.index else None
        judgement = Judgement(PENDING, "") if later and target.understood else judge(target, standing)
        name = standing["name_en" if lang == "en" else "name_vi"] if standing is not None else row.label
        rank = rank_text(standing["rank"], standing["rank_last"], standing["n"]) if standing is not None else "–"
        prev_rank = _value(standing, "prev_rank")
        tracked.append((row.code, row.target, judgement.actual, judgement.status, row.lead, target.kind, target.value,
                        name, rank, "–" if prev_rank is None else str(int(prev_rank)), row.tasks, row.deadline,
                        "; ".join(row.supporting), row.row, _points_to_group(target, judgement, standing)))
    return pd.DataFrame(tracked, columns=TRACK_COLUMNS)


def in_force(con: duckdb.DuckDBPyConnection, province: int, year: int,
             plan: str | None = None) -> tuple[str | None, list[plans.AppendixRow]]:
    """(the plan, its rows): the named plan, or else the plan in force for the province in the year
    (`plans.in_force`). With no plan, (None, no rows)."""
    plan = plan or plans.in_force(con, province, year)
    return plan, plans.targets_of(con, plan) if plan else []


def judged(con: duckdb.DuckDBPyConnection, panel: analysis.Panel, province: int, year: int, plan: str | None = None,
           lang: str = "vi") -> tuple[str | None, list[plans.AppendixRow], pd.DataFrame]:
    """(the plan in force or named, its rows, its targets tracked against the province's results in the year:
    pending where the plan is for a later year)."""
    plan, rows = in_force(con, province, year, plan)
    stored = plans.stored_plan(con, plan) if plan else None
    later = stored is not None and stored.year is not None and stored.year > year
    return plan, rows, track(analysis.scorecard(panel, province, year), rows, lang, later)


def progress(con: duckdb.DuckDBPyConnection, panel: analysis.Panel, province: int, year: int, plan: str | None = None,
             lang: str = "vi") -> tuple[str | None, pd.DataFrame]:
    """(the plan in force or named, its targets tracked against the province's results in the year)."""
    plan, _, tracked = judged(con, panel, province, year, plan, lang)
    return plan, tracked


def by_agency(tracked: pd.DataFrame) -> pd.DataFrame:
    """Per lead agency: its targets, how many are met, not met, pending, without data and not understood, most not
    met first."""
    columns = ["agency", "targets", *STATUSES, "codes"]
    if tracked.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for agency, part in tracked.groupby(tracked.lead_agency.replace("", None).fillna("–"), sort=False):
        counts = part.status.value_counts()
        rows.append([agency, len(part), *(int(counts.get(status, 0)) for status in STATUSES),
                     ", ".join(code for code in part.code if isinstance(code, str))])
    return pd.DataFrame(rows, columns=columns).sort_values([NOT_MET, "targets"], ascending=False).reset_index(drop=True)


def by_code(tracked: pd.DataFrame) -> pd.DataFrame:
    """Each component's first target and its status, indexed by code: beside a component in the pages' tables."""
    return tracked[tracked.code.notna()].drop_duplicates("code").set_index("code")[["target", "status", "actual"]]


def actual_text(row, lang: str) -> str:
    """The figure a target was judged on, for a reader: 1,4517; −0,0700; −12 bậc (hạng 20 → 32/61); nhóm 4 (thấp nhất),
    hạng 53/61; the rank for a rank target."""
    if not row["actual"]:
        return "–"
    kind = row["kind"]
    if kind == "score_at_least":
        return number(float(row["actual"]), lang, 4)
    if kind in ("score_rises", "score_holds"):
        change = float(row["actual"])
        return ("+" if change > 0 else "−" if change < 0 else "") + number(abs(change), lang, 4)
    if kind == "rank_rise_at_least":
        return text("report.places_actual", lang).format(k=row["actual"].replace("-", "−"), prev=row["prev_rank"],
                                                         rank=row["rank"])
    if kind == "group_at_most":
        group = int(row["actual"])
        shown = text("report.group_actual", lang).format(group=group, name=text(f"group.{group}", lang), rank=row["rank"])
        to_go = row.get("points_to_target")
        if to_go is not None and not pd.isna(to_go):
            shown += text(f"target.to_group.{int(row['value'])}", lang).format(points=number(to_go, lang, 3))
        return shown
    return row["rank"]
