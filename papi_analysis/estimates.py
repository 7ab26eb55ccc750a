"""What a 2025 unit's figure of an earlier year stands on: an estimate from its former provinces, and which of
them had no figure. Pages, packs and reports say it in the same words wherever a figure is, or is compared
with, such an estimate ("so với ước tính năm 2024 (thiếu số liệu Vĩnh Phúc)")."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from .codebook import TOTAL
from .i18n import text
from .units import UNIT_BY_ID, Unit, entity

if TYPE_CHECKING:
    from .analysis import Panel


@dataclass(frozen=True)
class Estimate:
    """A unit's estimated figure of a year before the units: its former provinces with and without a figure."""
    unit: Unit
    year: int
    code: str
    members: tuple[int, ...]  # the former provinces with a figure
    lacking: tuple[int, ...]  # the former provinces without one

    @property
    def partial(self) -> bool:
        return bool(self.lacking)

    def lacking_names(self, lang: str) -> str:
        return ", ".join(entity(m).name(lang) for m in self.lacking)

    def member_names(self, lang: str) -> str:
        return ", ".join(entity(m).name(lang) for m in self.members)

    def words(self, lang: str) -> str:
        """'ước tính năm 2024 từ các tỉnh cũ (Phú Thọ, Hòa Bình), thiếu số liệu Vĩnh Phúc': what it stands on."""
        words = text("estimate.of_year", lang).format(year=self.year, members=self.member_names(lang))
        return words + (text("estimate.lacking", lang).format(lacking=self.lacking_names(lang)) if self.lacking else "")

    def short(self, lang: str) -> str:
        """'ước tính năm 2024 (thiếu số liệu Vĩnh Phúc)': beside a change, where the full words were said once."""
        words = text("estimate.year", lang).format(year=self.year)
        return words + (text("estimate.lacking_short", lang).format(lacking=self.lacking_names(lang))
                        if self.lacking else "")


def estimate(panel: Panel, province: int, year: int, code: str = TOTAL) -> Estimate | None:
    """The estimate behind a unit's figure for `code` in `year`, or None where the figure is published (a unit
    from 2025, a province before) or there is none."""
    unit = UNIT_BY_ID.get(province)
    if unit is None or pd.isna(year):
        return None
    year = int(year)
    own = panel.rows(province, year)
    own = own[(own.code == code) & own.score.notna()]
    if own.empty or not bool(own.estimate.fillna(False).iloc[0]):
        return None
    with_figure = tuple(m for m in unit.members if _has_figure(panel, m, year, code))
    return Estimate(unit, year, code, with_figure, tuple(m for m in unit.members if m not in with_figure))


def compared_with(panel: Panel, province: int, year: int, code: str = TOTAL) -> Estimate | None:
    """The estimate a figure's change is computed against (Phú Thọ 2025 against its 2024 estimate), or None where
    the earlier figure is published or there is no change."""
    own = panel.rows(province, year)
    own = own[own.code == code]
    if own.empty or pd.isna(own.prev_year.iloc[0]) or not bool(own.prev_estimate.fillna(False).iloc[0]):
        return None
    return estimate(panel, province, int(own.prev_year.iloc[0]), code)


def _has_figure(panel: Panel, province: int, year: int, code: str) -> bool:
    rows = panel.rows(province, year)
    return bool(rows[(rows.code == code) & rows.score.notna()].shape[0])
