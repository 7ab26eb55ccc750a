"""Command line: `python -m papi_analysis COMMAND ...` (see --help)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import dataset, store
from .codebook import LEVELS
from .ingest import IngestError, IngestReport, ingest
from .provinces import resolve_province


def _province_code(text: str | None) -> int | None:
    if text is None:
        return None
    province = resolve_province(text)
    if province is None:
        raise SystemExit(f"error: unknown province '{text}' (give a name such as 'Hòa Bình' or a code such as 17)")
    return province.code


def _print_report(report: IngestReport) -> None:
    for sheet in report.sheets:
        head = f"{sheet.file} [{sheet.sheet}]: {sheet.status}"
        if sheet.year is not None:
            head += f" - year {sheet.year}, {sheet.layout}, {sheet.provinces} provinces, {sheet.values} values"
        if sheet.warnings:
            head += f", {len(sheet.warnings)} warning(s)"
        print(head)
        for warning in sheet.warnings:
            print(f"    warning: {warning}")
    print(f"years loaded: {', '.join(map(str, report.years_loaded)) or 'none'}")


def cmd_ingest(args: argparse.Namespace) -> int:
    try:
        report = ingest([Path(p) for p in args.paths], args.db)
    except IngestError as exc:
        print(f"error: {exc}", file=sys.stderr)
        print("nothing was loaded; the database is unchanged", file=sys.stderr)
        return 2
    except FileNotFoundError as exc:
        print(f"error: file not found: {exc.filename}; the database is unchanged", file=sys.stderr)
        return 2
    _print_report(report)
    return 0


def cmd_scores(args: argparse.Namespace) -> int:
    with store.reader(args.db) as con:
        frame = store.scores(con, args.year, _province_code(args.province), args.level)
    _write(frame, args.format)
    return 0


def _write(frame, fmt: str) -> None:
    if fmt == "json":
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, indent=1) + "\n")
    else:
        frame.to_csv(sys.stdout, index=False, lineterminator="\n")


def cmd_export_dataset(args: argparse.Namespace) -> int:
    for path in dataset.export_dataset(args.db, Path(args.out)):
        print(f"wrote {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m papi_analysis", description="PAPI dashboard data tools")
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--db", type=Path, default=None, help="DuckDB file (default: $PAPI_DB or data/papi.duckdb)")
        p.set_defaults(handler=handler)
        return p

    p = command("ingest", cmd_ingest, "load published PAPI workbooks (.xlsx/.xlsm) in one transaction")
    p.add_argument("paths", nargs="+", help="workbook files")

    p = command("scores", cmd_scores, "print unweighted published scores")
    p.add_argument("--year", type=int)
    p.add_argument("--province", help="name (any spelling) or national code")
    p.add_argument("--level", choices=LEVELS)
    p.add_argument("--format", choices=("csv", "json"), default="csv")

    p = command("export-dataset", cmd_export_dataset, "write the tidy dataset (CSV) from the database")
    p.add_argument("--out", default=str(store.DATA_DIR), help="folder (default: data/)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
