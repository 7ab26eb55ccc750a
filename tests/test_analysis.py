"""Ranks, groups, changes, flags and the 2025 view, on the real published figures."""
import numpy as np
import pandas as pd
import pytest

from papi_analysis.analysis import (BEHIND, LOW_ON_SCALE, REASONS, SLIPPING, TIERS, FlagRules, Panel, changes,
                                    comparability_breaks, flags, flags_with_agencies, history, ranking,
                                    reasons_text, regrouped_2025, scorecard)
from papi_analysis.codebook import TOTAL, TOTAL6, ComparabilityNote, comparability_note
from papi_analysis.i18n import comparability_text


def row(frame, code):
    return frame[frame.code == code].iloc[0]


def test_ranks_count_only_provinces_with_data(panel):
    total = ranking(panel, 2023, TOTAL)
    assert len(total) == 61 and set(total.province_code).isdisjoint({22, 74})
    assert list(total["rank"]) == list(range(1, 62))
    assert total.score.is_monotonic_decreasing
    card = scorecard(panel, 17, 2023)
    assert (row(card, TOTAL)["rank"], row(card, TOTAL)["n"]) == (20, 61)


def sizes(table):
    return table.group.value_counts().sort_index().tolist()


def named(table, name):
    return table[table.province == name].iloc[0]


def test_groups_are_the_publishers_score_quartiles(panel):
    # Published: 63 provinces in groups of 16/16/15/16 (2019 and 2020 totals); the 48th, Vĩnh Long 2019 and
    # Hà Nội 2020, is in the lowest group (ranks in equal counts put it one group too high).
    for year, province in ((2019, "Vĩnh Long"), (2020, "Hà Nội")):
        total = ranking(panel, year, TOTAL)
        assert sizes(total) == [16, 16, 15, 16]
        assert (named(total, province)["rank"], named(total, province).group) == (48, 4)
    # 60 provinces with data (2021: three without), four groups of 15.
    assert sizes(ranking(panel, 2021, TOTAL)) == [15, 15, 15, 15]


def test_the_2022_d6_map_ranges_as_printed(panel):
    d6 = ranking(panel, 2022, "D6")
    printed = {1: (7.8579, 8.3148), 2: (7.5189, 7.8072), 3: (7.2294, 7.5173), 4: (6.4132, 7.2275)}
    for group, (low, high) in printed.items():
        scores = d6[d6.group == group].score
        assert (round(scores.min(), 4), round(scores.max(), 4)) == (low, high)
    quang_tri = named(d6, "Quảng Trị")
    assert (quang_tri["rank"], quang_tri.group, round(quang_tri.score, 4)) == (48, 4, 7.2275)
    # its way out: P25 lies between 7,2275 and 7,2294
    assert 7.2275 < quang_tri.next_group_cutoff < 7.2294 and quang_tri.group_basis == "publishers"
    assert quang_tri.points_to_next_group == pytest.approx(quang_tri.next_group_cutoff - quang_tri.score)


def test_a_score_on_a_cut_off_is_borderline(panel):
    # 2023, 61 provinces: each quartile falls on one province's score. The publishers put those three in the
    # lower group (15/15/15/16); the >= rule, which the other years follow, puts them higher. Both are honest
    # only with the three marked.
    total = ranking(panel, 2023, TOTAL)
    on_cut = total[total.borderline]
    assert len(on_cut) == 3 and on_cut.group.tolist() == [1, 2, 3]
    assert sorted(on_cut.score.round(4)) == sorted(total[["cutoff_high", "cutoff_mid", "cutoff_low"]].iloc[0].round(4))
    as_published = total.group + total.borderline
    assert as_published.value_counts().sort_index().tolist() == [15, 15, 15, 16]
    assert sizes(total) == [16, 15, 15, 15]


def test_a_subdimension_group_is_the_dashboards_own_with_the_points_to_leave_the_lowest(panel):
    # Hòa Bình 2024, 6.3 Cơ sở hạ tầng căn bản: 53rd of 61, "0,033 điểm nữa để thoát nhóm thấp nhất".
    infrastructure = row(scorecard(panel, 17, 2024), "6.3")
    assert (infrastructure["rank"], infrastructure.n, infrastructure.group) == (53, 61, 4)
    assert infrastructure.group_basis == "dashboard" and not infrastructure.borderline
    assert infrastructure.next_group_cutoff == infrastructure.cutoff_low
    assert round(infrastructure.points_to_next_group, 3) == 0.033
    top = ranking(panel, 2024, "6.3").iloc[0]
    assert top.group == 1 and pd.isna(top.points_to_next_group)


def test_ties_share_rank_and_group():
    rows = [{"year": 2023, "province_code": p, "code": "D1", "level": "dimension", "parent": TOTAL,
             "name_vi": "x", "name_en": "x", "scale_min": 1.0, "scale_max": 10.0, "percent": False, "better": "higher",
             "derived": False, "unit_set": "provinces",
             "score": s, "se": np.nan, "ci_low": np.nan, "ci_high": np.nan, "region": "NMM",
             "unit_2025": "u", "observations": np.nan}
            for p, s in [(1, 6.0), (2, 5.0), (4, 5.0), (6, 5.0), (8, 4.0), (10, 3.0), (11, 3.0), (12, 2.0)]]
    frame = Panel(pd.DataFrame(rows)).year_rows(2023).set_index("province_code")
    assert frame.loc[[1, 2, 4, 6, 8, 10, 11, 12], "rank"].tolist() == [1, 2, 2, 2, 5, 6, 6, 8]
    assert frame.loc[[1, 2, 4, 6, 8, 10, 11, 12], "group"].tolist() == [1, 1, 1, 1, 3, 3, 3, 4]
    assert frame.loc[[2, 10], "rank_last"].tolist() == [4, 7]  # the ties span ranks 2-4 and 6-7


def test_an_indicator_where_lower_is_better_ranks_the_lowest_first(panel):
    minutes = ranking(panel, 2023, "6.2.2")
    shortest = panel.frame[(panel.frame.year == 2023) & (panel.frame.code == "6.2.2")].score.min()
    assert (minutes.iloc[0]["rank"], minutes.iloc[0].score) == (1, shortest)
    # the quickest quarter is group 1: at or below its cut-off, and a group's way up is to lower the figure
    assert (minutes.group == 1).equals(minutes.score <= minutes.cutoff_high)
    # a quarter of the provinces answer 10 minutes, on the P25 cut-off: borderline, and 7 minutes lifts them
    slow = minutes.iloc[-1]
    assert (slow.score, slow.group, slow.borderline) == (10.0, 3, True)
    assert slow.next_group_cutoff == slow.cutoff_mid < slow.score
    hoa_binh = row(scorecard(panel, 17, 2023, include_indicators=True), "6.2.2")
    assert hoa_binh.gap_to_median > 0 and hoa_binh.gap_to_best == pytest.approx(5.0)  # behind: 10 minutes against 5


def test_national_context_and_gaps(panel):
    d1 = panel.year_rows(2023)
    d1 = d1[d1.code == "D1"]
    hoa_binh = row(scorecard(panel, 17, 2023), "D1")
    assert hoa_binh.national_median == pytest.approx(d1.score.median())
    assert hoa_binh.national_mean == pytest.approx(d1.score.mean())
    assert hoa_binh.best_province == d1.loc[d1.score.idxmax(), "province_code"]
    northern = d1[d1.region == "NMM"]
    assert hoa_binh.region_mean == pytest.approx(northern.score.mean())
    assert hoa_binh.gap_to_best == pytest.approx(d1.score.max() - hoa_binh.score)


def test_change_uses_the_previous_year_with_data(panel):
    # Bắc Giang's 2022 total was published as 0 (incomplete) and it has no 2021 figures: its 2023 change
    # is against 2020.
    bac_giang = row(scorecard(panel, 24, 2023), TOTAL)
    assert bac_giang.prev_year == 2020
    assert bac_giang.change == pytest.approx(44.320369720458984 - bac_giang.prev_score)
    assert "definition_changed:2021" in bac_giang.comparability
    hoa_binh = row(scorecard(panel, 17, 2023), "D6")
    assert hoa_binh.prev_year == 2022 and hoa_binh.comparability == ""
    assert pd.isna(row(scorecard(panel, 17, 2015), "D1").change)  # no earlier year loaded


def test_rank_change_and_streak(panel):
    card = scorecard(panel, 17, 2023)
    total = row(card, TOTAL)
    assert total.rank_change == total.prev_rank - total["rank"]
    series = history(panel, 17, "6.2")
    changes_up_to_2023 = series[series.year <= 2023].change.dropna().tolist()
    streak = 0
    for change in reversed(changes_up_to_2023):
        if change > 0:
            break
        streak += 1
    assert row(card, "6.2").years_not_improved == streak >= 2


def test_changes_between_two_years_flag_definition_breaks(panel):
    table = changes(panel, 2017, 2019, TOTAL)
    assert set(table.comparability) == {"total_6_vs_8_dimensions"}
    assert changes(panel, 2015, 2023, TOTAL6).comparability.eq("").all()
    assert changes(panel, 2022, 2023, "D6").comparability.eq("").all()
    assert comparability_breaks("D5", [2019, 2022, 2023]) == [(2019, 2022, [ComparabilityNote("definition_changed",
                                                                                               (2021,))])]
    # a typed note, in the reader's words
    assert comparability_text(comparability_note(TOTAL, 2017, 2019), "vi") == \
        "điểm tổng hợp gồm 6 chỉ số nội dung trước 2018, 8 chỉ số từ 2018"
    assert comparability_text("definition_changed:2016,2018;introduced_in:2019", "en") == \
        "its content changed in 2016, 2018; surveyed only from 2019"


def test_changes_with_missing_data_stay_missing(panel):
    table = changes(panel, 2022, 2023, TOTAL).set_index("province_code")
    quang_ninh, bac_giang = table.loc[22], table.loc[24]  # no 2023 data; 2022 total published as 0
    assert pd.isna(quang_ninh.score_2023) and pd.isna(quang_ninh.change) and not pd.isna(quang_ninh.score_2022)
    assert pd.isna(bac_giang.score_2022) and pd.isna(bac_giang.change)
    assert table.change.notna().sum() == 59
    assert list(table.index[-4:]).count(22) == 1  # missing changes sort last, never as 0


def test_six_dimension_total_bridges_the_years(panel):
    early = row(scorecard(panel, 1, 2015), TOTAL6)
    late = row(scorecard(panel, 1, 2023), TOTAL6)
    d = panel.frame
    sums = [d[(d.year == y) & (d.province_code == 1) & d.code.isin([f"D{i}" for i in range(1, 7)])].score.sum()
            for y in (2015, 2023)]
    assert (early.score, late.score) == pytest.approx(sums)
    # Before 2018 no total is published; the total is the six dimensions' sum, marked as derived.
    assert row(scorecard(panel, 1, 2015), TOTAL).derived and not row(scorecard(panel, 1, 2023), TOTAL).derived


# ---- flags: every reason fires where it should, and nowhere else ----------------------------

def all_flags(panel, rules=FlagRules()):
    return pd.concat([flags(panel, p, y, rules).assign(province=p, year=y)
                      for y in panel.years for p in panel.year_rows(y).province_code.unique()])


@pytest.fixture(scope="module")
def every_flag(panel):
    return all_flags(panel)


def test_each_reason_fires_somewhere(every_flag):
    assert every_flag[list(REASONS)].any().all()
    assert every_flag[list(REASONS)].dtypes.eq(bool).all()  # one boolean column per reason


def test_no_reason_fires_falsely_and_none_is_missed(panel, every_flag):
    candidates = panel.frame[(panel.frame.level.isin(["dimension", "subdimension"]) | (panel.frame.code == TOTAL))
                             & (panel.frame.unit_set == "provinces")]
    flagged = every_flag.set_index(["province", "year", "code"])[list(REASONS)]
    fired = {key: {reason for reason in REASONS if row[reason]} for key, row in flagged.iterrows()}
    for _, r in candidates.iterrows():
        reasons = fired.get((r.province_code, r.year, r.code), set())
        span = r.scale_max - r.scale_min
        assert ("lowest_group" in reasons) == (r.group == 4)
        assert ("below_median" in reasons) == (r.score < r.national_median)
        assert ("not_improved" in reasons) == (r.years_not_improved >= 2)
        assert ("low_absolute" in reasons) == (r.score < r.scale_min + 0.4 * span)
        if "declined" in reasons:
            assert r.change < 0 and r.prev_year is not pd.NA


def test_a_decline_within_the_margin_of_error_is_not_flagged(panel):
    totals = panel.frame[(panel.frame.code == TOTAL) & panel.frame.change_z.notna()
                         & (panel.frame.year == 2023) & (panel.frame.prev_year == 2022)]
    noise = totals[(totals.change < 0) & (totals.change_z > -1.96)].iloc[0]
    real = totals[totals.change_z <= -1.96].iloc[0]
    assert not flags(panel, noise.province_code, noise.year).query("code == 'TOTAL'").declined.any()
    real_flags = flags(panel, real.province_code, real.year).query("code == 'TOTAL'")
    assert real_flags.declined.iloc[0] and real_flags.decline_tested.iloc[0]


def test_no_decline_is_flagged_across_a_definition_change(panel):
    # Between 2020 and 2021, D5 lost 5.2 and was rescaled: a fall in D5 is not a decline.
    d5 = panel.frame[(panel.frame.code == "D5") & (panel.frame.year == 2021) & (panel.frame.change < -0.3)]
    assert not d5.empty
    for province in d5.province_code:
        assert not flags(panel, province, 2021).query("code == 'D5'").declined.any()


def test_hoa_binh_2023_priorities(panel):
    flagged = flags(panel, 17, 2023)
    top, second = flagged.iloc[0], flagged.iloc[1]
    assert top.code == "D6"  # down in 2022 and again in 2023, 1.12 points behind the best province
    assert [r for r in REASONS if top[r]] == ["below_median", "declined", "not_improved"]
    assert second.code == "6.2" and [r for r in REASONS if second[r]] == \
        ["lowest_group", "below_median", "declined", "not_improved"]
    assert second.focus == "6.2.2"  # minutes to school: tied with 24 provinces for the longest
    assert list(flagged.tier) == sorted(flagged.tier)
    for tier in TIERS:
        assert flagged[flagged.tier == tier].priority.is_monotonic_decreasing


def test_behind_other_provinces_leads_low_on_the_scale_follows(panel):
    flagged = flags(panel, 17, 2023).set_index("code")
    # D3 (8th), 7.3 (10th) and D7 (11th) are low against their scale, as nearly every province is: they
    # are not mixed with the components where Hòa Bình trails other provinces.
    assert set(flagged.loc[["D3", "7.3", "D7"], "tier"]) == {LOW_ON_SCALE}
    behind = flagged[flagged.tier == BEHIND]
    assert (behind.lowest_group | behind.below_median).all() and {"D6", "6.2", "6.3"} <= set(behind.index)
    slipping = flagged[flagged.tier == SLIPPING]
    assert not (slipping.lowest_group | slipping.below_median).any()
    assert (slipping.declined | slipping.not_improved).all()


def test_rules_can_be_changed(panel):
    default = flags(panel, 17, 2023)
    stricter = flags(panel, 17, 2023, FlagRules(not_improved_years=5, below_median=False, low_share_of_scale=0))
    assert not stricter.not_improved.any() and not stricter.below_median.any()
    assert len(stricter) < len(default)
    with pytest.raises(ValueError, match="unknown rule"):
        FlagRules.from_options({"loudness": "3"})
    assert FlagRules.from_options({"not_improved_years": "3", "below_median": "false"}) == \
        FlagRules(not_improved_years=3, below_median=False)


# ---- the 2025 view ---------------------------------------------------------------------------

def test_regrouped_2025_is_a_weighted_estimate(panel):
    units = regrouped_2025(panel, 2023, [TOTAL]).set_index("unit_2025")
    assert units.estimate.all() and len(units) == 34
    # Quảng Ninh, alone in its unit, has no 2023 data: it keeps its row, as no data, ranked last of none.
    assert pd.isna(units.loc["Quảng Ninh", "score"]) and pd.isna(units.loc["Quảng Ninh", "rank"])
    assert units.loc["Quảng Ninh", "provinces_with_data"] == 0 and units["n"].eq(33).all()
    phu_tho = units.loc["Phú Thọ"]
    members = panel.year_rows(2023).query("code == 'TOTAL' and province_code in (17, 25, 26)")
    expected = np.average(members.score, weights=members.observations)
    assert phu_tho.score == pytest.approx(expected) and phu_tho.method == "weighted"
    assert phu_tho.score != pytest.approx(members.score.mean())
    assert (phu_tho.provinces_with_data, phu_tho.provinces_in_unit) == (3, 3)
    hcm = units.loc["TP. Hồ Chí Minh"]  # Bình Dương has no 2023 data: two of three provinces
    assert (hcm.provinces_with_data, hcm.provinces_in_unit) == (2, 3)


def test_regrouped_2025_plain_mean_without_observations(panel):
    unit = regrouped_2025(panel, 2019, ["D1"]).set_index("unit_2025").loc["Phú Thọ"]
    members = panel.year_rows(2019).query("code == 'D1' and province_code in (17, 25, 26)")
    assert unit.method == "mean" and unit.score == pytest.approx(members.score.mean())


def test_scorecard_keeps_components_without_data_as_missing(panel):
    card = scorecard(panel, 24, 2022).set_index("code")  # Bắc Giang published 0 for D1, D2, D4, D5
    assert pd.isna(card.loc["D1", "score"]) and pd.isna(card.loc["D1", "rank"])
    assert card.loc["D1", "n"] == 62 and not pd.isna(card.loc["D1", "national_mean"])
    assert card.loc["D6", "score"] == pytest.approx(8.084983825683594)
    assert len(card[card.level == "dimension"]) == 8


def test_results_are_shared_but_each_caller_gets_its_own_copy(panel):
    first = flags(panel, 17, 2023)
    as_computed = first.copy()
    first.loc[0, "score"] = -1.0  # a page changing its copy
    first["extra"] = "x"
    again = flags(panel, 17, 2023)
    assert again.equals(as_computed)
    assert again is not flags(panel, 17, 2023)


def test_the_lowest_group_flag_says_the_points_to_leave_it_and_whose_group_it_is(panel):
    flagged = flags_with_agencies(panel, 17, 2024, None).set_index("code")
    assert flagged.loc["6.3", "lowest_group"]
    assert ("thuộc nhóm thấp nhất cả nước (hạng 53/61), còn 0,033 điểm nữa để thoát nhóm thấp nhất "
            "(nhóm do bảng điều khiển tự xếp, không có nhóm công bố)") in flagged.loc["6.3", "reasons"]
    english = flags_with_agencies(panel, 17, 2024, None, lang="en").set_index("code")
    assert "0.033 points more to leave the lowest group" in english.loc["6.3", "reasons"][0]


def test_below_the_median_never_reads_as_equal_to_it(panel):
    # Hòa Bình's 2024 total (43,4778, 32/61) is a hair below the median; at two decimals both print 43,48.
    row = flags(panel, 17, 2024).set_index("code").loc[TOTAL]
    assert row["below_median"] and row["score"] < row["national_median"]
    sentence = next(s for s in reasons_text(row, "vi") if "trung vị" in s)
    score, median = sentence.split("(")[1].rstrip(")").split(" so với ")
    assert score != median and score == "43,4778"
