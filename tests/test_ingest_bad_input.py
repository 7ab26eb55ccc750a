"""Bad input is refused with a message naming file, sheet and cell, and the database does not change."""
import zipfile

import openpyxl
import pytest

from papi_analysis.__main__ import main
from papi_analysis.ingest import workbook as workbook_module
from tests.conftest import file_digest, mutate


def refuse(db, paths, capsys):
    """Run the CLI ingest (in English); assert it failed and left the database byte-identical. Returns stderr."""
    before = file_digest(db)
    code = main(["ingest", *map(str, paths), "--db", str(db), "--lang", "en"])
    err = capsys.readouterr().err
    assert code != 0
    assert file_digest(db) == before
    assert "Traceback" not in err
    return err


def test_text_file_renamed_xlsx(ingested_copy, tmp_path, capsys):
    fake = tmp_path / "scores.xlsx"
    fake.write_text("province,score\nHà Nội,5.4\n", encoding="utf-8")
    err = refuse(ingested_copy, [fake], capsys)
    assert "'scores.xlsx'" in err and "not a valid zip archive" in err


def test_truncated_workbook(ingested_copy, sheet_files, tmp_path, capsys):
    data = sheet_files["2019"].read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(data[: len(data) // 2])
    err = refuse(ingested_copy, [cut], capsys)
    assert "'cut.xlsx'" in err and ("truncated" in err or "damaged" in err)


def test_empty_file(ingested_copy, tmp_path, capsys):
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    assert "the file is empty" in refuse(ingested_copy, [empty], capsys)


def test_empty_workbook(ingested_copy, tmp_path, capsys):
    path = tmp_path / "blank.xlsx"
    openpyxl.Workbook().save(path)
    err = refuse(ingested_copy, [path], capsys)
    assert "'blank.xlsx'" in err and "no PAPI table" in err


def test_workbook_without_a_papi_table(ingested_copy, tmp_path, capsys):
    path = tmp_path / "budget.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Tỉnh", "Thu ngân sách", "Chi ngân sách"])
    for name in ("Hà Nội", "Hải Phòng", "Đà Nẵng"):
        book.active.append([name, 100, 90])
    book.save(path)
    assert "no PAPI table" in refuse(ingested_copy, [path], capsys)


def test_unknown_province_names_the_cell(ingested_copy, sheet_files, tmp_path, capsys):
    bad = mutate(sheet_files["2019"], tmp_path / "unknown.xlsx", "2019", {"N2": "Hà Tây"})
    err = refuse(ingested_copy, [bad], capsys)
    assert "'unknown.xlsx', sheet '2019', cell N2: unknown province 'Hà Tây'" in err


def test_unknown_province_in_the_older_layout(ingested_copy, sheet_files, tmp_path, capsys):
    bad = mutate(sheet_files["2017"], tmp_path / "old.xlsx", "2017", {"A10": "Atlantis"})
    assert "sheet '2017', cell A10: unknown province 'Atlantis'" in refuse(ingested_copy, [bad], capsys)


def test_text_in_a_score_cell(ingested_copy, sheet_files, tmp_path, capsys):
    bad = mutate(sheet_files["2019"], tmp_path / "text.xlsx", "2019", {"E13": "cao"})
    err = refuse(ingested_copy, [bad], capsys)
    assert "sheet '2019', cell E13: text in a score cell: 'cao' is not a number" in err


def test_decimal_comma_text_is_refused_not_guessed(ingested_copy, sheet_files, tmp_path, capsys):
    bad = mutate(sheet_files["2017"], tmp_path / "comma.xlsx", "2017", {"B3": "5,43"})
    assert "cell B3: text in a score cell: '5,43'" in refuse(ingested_copy, [bad], capsys)


def test_province_code_that_contradicts_the_name(ingested_copy, sheet_files, tmp_path, capsys):
    bad = mutate(sheet_files["2019"], tmp_path / "codes.xlsx", "2019", {"C1": 17})
    err = refuse(ingested_copy, [bad], capsys)
    assert "cell C1: province code 17 does not match" in err and "Hà Nội" in err


def test_province_listed_twice(ingested_copy, sheet_files, tmp_path, capsys):
    bad = mutate(sheet_files["2019"], tmp_path / "twice.xlsx", "2019", {"D2": "Hà Nội", "D1": 1})
    assert "cell D2: province 'Hà Nội' appears twice" in refuse(ingested_copy, [bad], capsys)


def test_a_table_without_a_year(ingested_copy, sheet_files, tmp_path, capsys):
    book = openpyxl.load_workbook(sheet_files["2017"])
    book["2017"].title = "Kết quả"
    book.save(tmp_path / "noyear.xlsx")
    assert "sheet 'Kết quả': cannot tell which year" in refuse(ingested_copy, [tmp_path / "noyear.xlsx"], capsys)


def test_zip_that_is_not_a_workbook(ingested_copy, tmp_path, capsys):
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.txt", "not a workbook")
    assert "no xl/workbook.xml" in refuse(ingested_copy, [path], capsys)


def test_archive_that_expands_past_the_cap(ingested_copy, sheet_files, capsys, monkeypatch):
    monkeypatch.setattr(workbook_module, "MAX_UNCOMPRESSED_BYTES", 100_000)
    assert "would expand to" in refuse(ingested_copy, [sheet_files["2019"]], capsys)


def test_one_bad_file_refuses_the_good_ones_given_with_it(ingested_copy, sheet_files, tmp_path, capsys):
    good = mutate(sheet_files["2017"], tmp_path / "good.xlsx", "2017", {"B2": 5.5})
    bad = tmp_path / "bad.xlsx"
    bad.write_text("nope")
    err = refuse(ingested_copy, [good, bad], capsys)
    assert "'bad.xlsx'" in err and "unchanged" in err


def test_missing_file(ingested_copy, tmp_path, capsys):
    assert "file not found" in refuse(ingested_copy, [tmp_path / "nowhere.xlsx"], capsys)


def test_refusal_on_a_new_database_creates_nothing(sheet_files, tmp_path, capsys):
    db = tmp_path / "fresh.duckdb"
    bad = mutate(sheet_files["2019"], tmp_path / "unknown.xlsx", "2019", {"N2": "Hà Tây"})
    assert main(["ingest", str(bad), "--db", str(db)]) != 0
    assert not db.exists() and list(tmp_path.glob("fresh.duckdb*")) == []


@pytest.mark.parametrize("exc", [RuntimeError("disk full"), KeyboardInterrupt()])
def test_failure_while_writing_leaves_the_database_as_it_was(ingested_copy, sheet_files, monkeypatch, exc):
    from papi_analysis import ingest as ingest_module
    before = file_digest(ingested_copy)

    def explode(*args, **kwargs):
        raise exc
    monkeypatch.setattr(ingest_module, "_store", lambda con, kept, skipped: (
        con.execute("DELETE FROM scores"), explode()))
    changed = mutate(sheet_files["2017"], ingested_copy.with_name("2017b.xlsx"), "2017", {"B2": 5.5})
    with pytest.raises(type(exc)):
        ingest_module.ingest([changed], ingested_copy, replace=True)
    assert file_digest(ingested_copy) == before
    assert list(ingested_copy.parent.glob("*.tmp*")) == []


def test_a_database_held_open_elsewhere_is_reported_not_corrupted(ingested_copy, sheet_files, monkeypatch, capsys):
    """On Windows a file open in another program cannot be replaced."""
    from papi_analysis import store

    def refuse_replace(source, target):
        raise PermissionError(13, "in use")
    before = file_digest(ingested_copy)
    changed = mutate(sheet_files["2017"], ingested_copy.with_name("2017b.xlsx"), "2017", {"B2": 5.5})
    monkeypatch.setattr(store.os, "replace", refuse_replace)
    assert main(["ingest", str(changed), "--db", str(ingested_copy), "--replace"]) == 2
    assert "is open in another program" in capsys.readouterr().err
    assert file_digest(ingested_copy) == before and list(ingested_copy.parent.glob("*.tmp")) == []
