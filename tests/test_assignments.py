"""Agency assignment plans: import as a Sở types them, export, versions, refusals."""
import openpyxl
import pytest

from papi_analysis import assignments, limits, plans, store
from papi_analysis.__main__ import main
from papi_analysis.analysis import agencies_ranked, agency_scorecard
from papi_analysis.codebook import code_order
from tests.conftest import SHARED, file_digest

DRAFT = SHARED / "reference" / "agency-assignment-draft.csv"


def stored(db, plan=None, year=2024):
    """The plan named, or the one in force in `year` (2024 by default: the draft's year)."""
    with store.reader(db) as con:
        return assignments.load(con, plan, year)


def test_the_draft_imports_and_the_default_is_bundled(tmp_path):
    table = assignments.read_file(DRAFT)
    assert len(table) == 29 and set(table.code) >= {"1.1", "5.2", "8.3"}
    db = tmp_path / "db.duckdb"
    from papi_analysis.dataset import load_bundled
    load_bundled(db)
    default = stored(db)
    assert default.plan == assignments.DEFAULT_PLAN
    assert default.lead("3.2") == "Thanh tra tỉnh"
    assert default.supporting("3.3") == ["Công an tỉnh"]
    assert default.lead("3.2.1") == "Thanh tra tỉnh"  # an indicator follows its sub-dimension
    assert default.lead("D3") == "Sở Nội vụ; Thanh tra tỉnh; Sở Tư pháp"  # a dimension: its sub-dimensions' leads


def test_csv_round_trip(ingested_copy, tmp_path, capsys):
    assert main(["assignment", "import", str(DRAFT), "--plan", "Kế hoạch 123/KH-UBND năm 2024", "--year", "2024",
                 "--db", str(ingested_copy)]) == 0
    out = tmp_path / "out.csv"
    assert main(["assignment", "export", str(out), "--plan", "Kế hoạch 123/KH-UBND năm 2024",
                 "--db", str(ingested_copy)]) == 0
    again = assignments.read_file(out)
    original = assignments.read_file(DRAFT).sort_values("code").reset_index(drop=True)
    assert again.sort_values("code").reset_index(drop=True).equals(original)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 Vietnamese only with the mark


def test_excel_round_trip_in_a_sos_own_shape(ingested_copy, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["PHỤ LỤC GIAO NHIỆM VỤ"])
    sheet.append(["Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp"])
    sheet.append(["Chỉ số nội dung 1: Tham gia của người dân ở cấp cơ sở", "Sở Nội vụ", "UBND cấp huyện"])
    sheet.append(["1.1: Tri thức công dân", "Sở Tư pháp", "Sở Nội vụ; Sở Văn hóa"])
    sheet.append(["Công khai danh sách hộ nghèo", "Sở Nội vụ", None])
    sheet.append([None, None, None])
    sheet.append(["Public Health Care", "Sở Y tế", ""])
    book.save(tmp_path / "plan.xlsx")
    assignments.save_plan(ingested_copy, "KH 45/2025", 2025, assignments.read_file(tmp_path / "plan.xlsx"), "plan.xlsx")
    plan = stored(ingested_copy, year=2025)
    assert plan.plan == "KH 45/2025"  # of two plans for 2025, the one imported last
    assert dict(zip(plan.rows.code, plan.rows.lead_agency)) == {
        "D1": "Sở Nội vụ", "1.1": "Sở Tư pháp", "2.2": "Sở Nội vụ", "6.1": "Sở Y tế"}
    assert plan.supporting("1.1") == ["Sở Nội vụ", "Sở Văn hóa"]
    exported = tmp_path / "export.xlsx"
    exported.write_bytes(assignments.export_xlsx(plan))
    assert assignments.read_file(exported).equals(plan.rows.sort_values("code", key=lambda c: c.map(code_order)).reset_index(drop=True))


def test_plans_coexist_and_one_can_be_chosen(ingested_copy):
    table = assignments.read_file(DRAFT)
    assignments.save_plan(ingested_copy, "KH 2023", 2023, table.assign(lead_agency="Sở Nội vụ"), "a.csv")
    assignments.save_plan(ingested_copy, "KH 2024", 2024, table, "b.csv")
    assert stored(ingested_copy).plan == "KH 2024"
    assert stored(ingested_copy, "KH 2023").lead("6.1") == "Sở Nội vụ"
    assignments.save_plan(ingested_copy, "KH 2023", 2023, table, "a2.csv")  # a new version replaces the old
    with store.reader(ingested_copy) as con:
        assert list(assignments.plans(con).plan) == [plans.DEFAULT_PLAN_2025, "KH 2024", assignments.DEFAULT_PLAN,
                                                     "KH 2023"]
    # The plan in force in a year is the latest whose year is not after it.
    assert [stored(ingested_copy, year=y).plan for y in (2022, 2023, 2024, 2025, 2026)] == \
        ["KH 2023", "KH 2023", "KH 2024", plans.DEFAULT_PLAN_2025, plans.DEFAULT_PLAN_2025]


def test_the_default_plan_for_2025_names_only_the_departments_that_remain(ingested_copy):
    before, after = stored(ingested_copy, year=2024), stored(ingested_copy, year=2025)
    assert before.lead("8.2") == "Sở Thông tin và Truyền thông" and after.lead("8.2") == "Sở Khoa học và Công nghệ"
    assert after.supporting("1.2") == ["Ủy ban nhân dân cấp xã"]  # no district level since 1 July 2025
    named = set(after.rows.lead_agency) | {a for agencies in after.rows.supporting_agencies for a in agencies}
    assert not any(plans.successor(agency) for agency in named)
    assert plans.agency_label("Sở Thông tin và Truyền thông", "vi") == \
        "Sở Thông tin và Truyền thông (nay là Sở Khoa học và Công nghệ)"


@pytest.mark.parametrize("content, message", [
    ("code,lead_agency\n9.9,Sở Nội vụ\n", "row 2: unknown component '9.9'"),
    ("code,lead_agency\n1.1,\n", "row 2: component 1.1 has no lead agency"),
    ("code,lead_agency\n1.1,Sở Tư pháp\n1.1,Sở Nội vụ\n", "row 3: component 1.1 is assigned twice"),
    ("province,score\nHà Nội,5\n", "no header row with a lead-agency column"),
    ("code,lead_agency\n", "the table has no rows"),
    ("Nội dung,Chủ trì\nTham gia của ai đó,Sở Nội vụ\n", "unknown component 'Tham gia của ai đó'"),
])
def test_bad_assignment_files_are_refused_and_nothing_changes(ingested_copy, tmp_path, capsys, content, message):
    main(["assignment", "import", str(DRAFT), "--plan", "KH", "--db", str(ingested_copy)])
    before = file_digest(ingested_copy)
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    assert main(["assignment", "import", str(path), "--plan", "KH", "--db", str(ingested_copy)]) == 2
    err = capsys.readouterr().err
    assert message in err and "unchanged" in err
    assert file_digest(ingested_copy) == before


def test_non_utf8_csv_is_refused(tmp_path):
    path = tmp_path / "legacy.csv"
    path.write_bytes(b"code,lead_agency\n1.1,S\xd5 T\xdd ph\xe1p\n")  # a legacy Windows code page
    with pytest.raises(assignments.AssignmentError, match="not a UTF-8 CSV"):
        assignments.read_file(path)


def test_agency_scorecard_and_ranking(panel, ingested_copy):
    assignments.save_plan(ingested_copy, "KH", 2024, assignments.read_file(DRAFT), "draft")
    plan = stored(ingested_copy)
    card, verdict = agency_scorecard(panel, plan, "Sở Giáo dục và Đào tạo", 17, 2023)
    assert list(card.code) == ["6.2"]
    assert card.lowest_group.iloc[0] and "thuộc nhóm thấp nhất" in card.reasons.iloc[0][0]
    assert verdict == "Chủ trì 1 nội dung; 1 cần cải thiện (1 kém hơn các tỉnh khác)."
    _, english = agency_scorecard(panel, plan, "Sở Giáo dục và Đào tạo", 17, 2023, lang="en")
    assert english == "Leads 1 component; 1 needs attention (1 behind other provinces)."
    _, several = agency_scorecard(panel, plan, "Sở Nội vụ", 17, 2023, lang="en")
    counts = [int(part.split(" ")[0]) for part in several.split("(")[1].rstrip(").").split(", ")]
    assert several.startswith("Leads 4 components;") and f"; {sum(counts)} need" in several  # the parts add up
    ranked = agencies_ranked(panel, plan, 17, 2023)
    assert list(zip(ranked.behind, ranked.flagged)) == sorted(zip(ranked.behind, ranked.flagged), reverse=True)
    assert set(ranked.agency) == set(plan.agencies())


def test_flags_cli_columns(ingested_copy, capsys):
    import csv
    import io
    main(["assignment", "import", str(DRAFT), "--plan", "KH", "--db", str(ingested_copy)])
    capsys.readouterr()
    assert main(["flags", "--province", "Hoà Bình", "--year", "2023", "--db", str(ingested_copy)]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][:9] == ["code", "level", "score", "rank", "n", "group", "change", "reasons", "lead_agency"]
    first, second = dict(zip(rows[0], rows[1])), dict(zip(rows[0], rows[2]))
    assert first["code"] == "D6" and first["lead_agency"].startswith("Sở Y tế; Sở Giáo dục và Đào tạo")
    assert second["code"] == "6.2" and second["group"] == "4" and second["lead_agency"] == "Sở Giáo dục và Đào tạo"
    assert second["reasons"].count(";") == 3
    assert main(["flags", "--province", "17", "--year", "2015", "--db", str(ingested_copy)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and all(r["change"] == "" for r in rows)  # no earlier year


def test_exports_have_headers_in_the_readers_language_and_import_again(ingested_copy, tmp_path):
    plan = stored(ingested_copy)
    for lang, header in (("vi", ["Mã", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp"]),
                         ("en", ["Code", "Component", "Lead agency", "Supporting agencies"])):
        path = tmp_path / f"plan-{lang}.xlsx"
        path.write_bytes(assignments.export_xlsx(plan, lang))
        assert [c.value for c in openpyxl.load_workbook(path).active[1]] == header
        again = assignments.read_file(path).sort_values("code").reset_index(drop=True)
        assert again.equals(plan.rows.sort_values("code").reset_index(drop=True))


def test_an_uploaded_assignment_is_read_and_an_oversized_one_refused():
    draft = SHARED / "reference" / "agency-assignment-draft.csv"
    table = assignments.read_upload(draft.read_bytes(), "phan-cong.csv")
    assert len(table) == 29 and table.set_index("code").loc["6.2", "lead_agency"] == "Sở Giáo dục và Đào tạo"
    with pytest.raises(assignments.AssignmentError, match="'phan-cong.csv': larger than 2 MB"):
        assignments.read_upload(b"x" * (2 * limits.MB + 1), "phan-cong.csv")
    with pytest.raises(assignments.AssignmentError, match="'phan-cong.csv': not a readable CSV table"):
        assignments.read_upload(b"x" * 2_000_001, "phan-cong.csv")  # under the cap, one cell past the csv module's limit
