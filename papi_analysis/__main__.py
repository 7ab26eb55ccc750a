"""Command line: `python -m papi_analysis COMMAND ...` (see --help).

Each command imports the modules it uses: `ingest` then starts without pandas, Plotly or python-pptx,
which would cost more than reading a workbook."""
from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path

from . import store
from .codebook import LEVELS, TOTAL
from .i18n import finding_text, text
from .ingest import IngestError, IngestReport, ingest
from .arguments import year
from .sanitise import csv_text, one_line
from .units import UNITS_FROM, entity, resolve

FLAG_COLUMNS = ["code", "level", "score", "rank", "n", "group", "change", "reasons", "lead_agency",
                "supporting_agencies", "name_vi", "name_en", "lowest_group", "below_median", "declined", "not_improved",
                "low_absolute", "tier", "priority", "focus", "national_median", "gap_to_best", "prev_year"]


def _province_code(text: str | None, year: int | None = None) -> int | None:
    """The stored id of the province (to 2024) or unit (from 2025) a user names; a former province asked
    about from 2025 on is answered for its unit, and stderr says so."""
    if text is None:
        return None
    found = resolve(text, year)
    if found is None:
        raise SystemExit(f"error: unknown province '{text}' (give a name such as 'Hòa Bình' or a code such as 17)")
    if found.asked_for is not None:
        print(f"note: {found.asked_for.name_vi} is part of {found.unit.name_vi} since 1 July 2025; "
              f"answering for {found.unit.name_vi}", file=sys.stderr)
    return found.unit.code


def _print_report(report: IngestReport, lang: str) -> None:
    for sheet in report.sheets:
        head = f"{sheet.file} [{sheet.sheet}]: {sheet.status}"
        if sheet.year is not None:
            head += f" - year {sheet.year}, {sheet.layout}, {sheet.origin}, {sheet.provinces} provinces, {sheet.values} values"
        if sheet.findings:
            head += f", {len(sheet.findings)} finding(s)"
        print(head)
        for finding in sheet.findings:
            cells = f" [{', '.join(finding.cells[:4])}{' …' if len(finding.cells) > 4 else ''}]" if finding.cells else ""
            print(f"    {finding.code}{cells}: {finding_text(finding, lang)}")
    print(f"years loaded: {', '.join(map(str, report.years_loaded)) or 'none'}")


def cmd_ingest(args: argparse.Namespace) -> int:
    try:
        report = ingest([Path(p) for p in args.paths], args.db, replace=args.replace)
    except IngestError as exc:
        cells = f" [{', '.join(exc.cells[:4])}{' …' if len(exc.cells) > 4 else ''}]" if len(exc.cells) > 1 else ""
        print(f"error: {exc.code}{cells}: {exc.text(args.lang)}", file=sys.stderr)
        print(text("cli.unchanged", args.lang), file=sys.stderr)
        return 2
    except FileNotFoundError as exc:
        print(f"error: file not found: {exc.filename}; the database is unchanged", file=sys.stderr)
        return 2
    except store.DatabaseBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    _print_report(report, args.lang)
    return 0


def cmd_scores(args: argparse.Namespace) -> int:
    with store.reader(args.db) as con:
        frame = store.scores(con, args.year, _province_code(args.province, args.year), args.level)
    _write(frame, args.format)
    return 0


def _write(frame, fmt: str) -> None:
    if fmt == "json":
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(csv_text(frame))


def _rules(options: list[str]):
    from . import analysis

    pairs = dict(option.split("=", 1) for option in options if "=" in option)
    if len(pairs) != len(options):
        raise SystemExit("error: --rule takes KEY=VALUE, e.g. --rule not_improved_years=3")
    try:
        return analysis.FlagRules.from_options(pairs)
    except ValueError as exc:
        raise SystemExit(f"error: {exc}") from None


def _context(args: argparse.Namespace):
    """The panel, the assignment in force, the province code and the year asked about."""
    from . import analysis, assignments

    province = _province_code(args.province, UNITS_FROM if getattr(args, "units", False) else args.year)
    with store.reader(args.db) as con:
        panel = analysis.Panel.load(con)
        try:
            assignment = assignments.load(con, getattr(args, "plan", None), args.year)
        except assignments.AssignmentError as exc:
            raise SystemExit(f"error: {exc}") from None
    if args.year not in panel.years:
        raise SystemExit(f"error: no data for {args.year}; years with data: {', '.join(map(str, panel.years))}")
    if panel.rows(province, args.year).empty:
        nearest = analysis.nearest_year_with_data(panel, province, args.year)
        raise SystemExit(f"error: no PAPI figures for {entity(province).name_vi} in {args.year}"
                         + (f"; nearest year with data: {nearest}" if nearest else ""))
    return panel, assignment, province, args.year


def cmd_flags(args: argparse.Namespace) -> int:
    from . import analysis

    panel, assignment, province, year = _context(args)
    flagged = analysis.flags_with_agencies(panel, province, year, assignment, _rules(args.rule), args.lang)
    if args.format == "csv":  # one cell: the sentences joined; JSON keeps the list
        flagged["reasons"] = flagged.reasons.map("; ".join)
    _write(flagged[FLAG_COLUMNS].round(4), args.format)
    return 0


def cmd_scorecard(args: argparse.Namespace) -> int:
    from . import analysis

    panel, _, province, year = _context(args)
    _write(analysis.scorecard(panel, province, year, args.indicators).round(4), args.format)
    return 0


def cmd_agencies(args: argparse.Namespace) -> int:
    from . import analysis

    panel, assignment, province, year = _context(args)
    if assignment is None:
        raise SystemExit("error: no agency assignment is stored; import one with 'assignment import'")
    if args.agency is None:
        _write(analysis.agencies_ranked(panel, assignment, province, year, _rules(args.rule)), args.format)
        return 0
    if args.agency not in assignment.agencies():
        raise SystemExit(f"error: '{args.agency}' leads nothing in plan '{assignment.plan}'; agencies: "
                         f"{', '.join(assignment.agencies())}")
    card, line = analysis.agency_scorecard(panel, assignment, args.agency, province, year, _rules(args.rule), args.lang)
    _write(card.assign(verdict=line).round(4), args.format)
    return 0


def cmd_changes(args: argparse.Namespace) -> int:
    from . import analysis

    with store.reader(args.db) as con:
        panel = analysis.Panel.load(con, include_indicators=False)
    _write(analysis.changes(panel, args.year_from, args.year_to, args.code, args.units).round(4), args.format)
    return 0


def cmd_ranking(args: argparse.Namespace) -> int:
    from . import analysis
    from .units import unit_set_for

    with store.reader(args.db) as con:
        panel = analysis.Panel.load(con, include_indicators=True)
    units = unit_set_for(args.year, args.units)
    table = analysis.ranking_table(panel, args.year, args.code, units.key)
    if table.empty:
        unknown = sorted(set(args.code or ()) - set(panel.year_rows(args.year, units.key).code))
        raise SystemExit(f"error: no figures for {args.year}" + (f" on {', '.join(unknown)}" if unknown else "")
                         + f"; years with data: {', '.join(map(str, panel.years))}")
    _write(table.round(4), args.format)
    return 0


def cmd_regroup(args: argparse.Namespace) -> int:
    from . import analysis

    with store.reader(args.db) as con:
        panel = analysis.Panel.load(con, include_indicators=False)
    _write(analysis.regrouped_2025(panel, args.year, [args.code] if args.code else None).round(4), args.format)
    return 0


def cmd_assignment(args: argparse.Namespace) -> int:
    from . import assignments

    db = store.ensure_database(args.db)
    if args.action == "import":
        if not args.file or not args.plan:
            raise SystemExit("error: 'assignment import' needs FILE and --plan NAME")
        try:
            table = assignments.read_file(Path(args.file))
            assignments.save_plan(db, args.plan, args.year, table, Path(args.file).name)
        except (assignments.AssignmentError, FileNotFoundError, store.DatabaseBusy) as exc:
            print(f"error: {exc}", file=sys.stderr)
            print("the stored assignment is unchanged", file=sys.stderr)
            return 2
        print(f"stored plan '{args.plan}': {len(table)} components, {table.lead_agency.nunique()} lead agencies")
        return 0
    with store.reader(db) as con:
        if args.action == "list":
            _write(assignments.plans(con), args.format)
            return 0
        try:
            assignment = assignments.load(con, args.plan)
        except assignments.AssignmentError as exc:
            raise SystemExit(f"error: {exc}") from None
    if assignment is None:
        raise SystemExit("error: no agency assignment is stored")
    if args.file and args.file.lower().endswith((".xlsx", ".xlsm")):
        Path(args.file).write_bytes(assignments.export_xlsx(assignment, args.lang))
    elif args.file:
        Path(args.file).write_bytes(assignments.export_csv(assignment, args.lang))
    else:
        sys.stdout.write(csv_text(assignments.export_table(assignment, args.lang)))
    if args.file:
        print(f"wrote plan '{assignment.plan}' to {args.file}")
    return 0


def cmd_export_pack(args: argparse.Namespace) -> int:
    from .export import pack

    panel, assignment, province, year = _context(args)
    if args.agency and (assignment is None or args.agency not in assignment.agencies()):
        raise SystemExit(f"error: '{args.agency}' leads nothing in the assignment in force")
    from .export.report import ReportInputs
    with store.reader(args.db) as con:
        sources = store.sources(con)
        inputs = ReportInputs.gather(con, panel, province, year, args.plan, args.lang)  # the plan's targets, as cited
    try:
        content = pack.meeting_pack(panel, assignment, pack.PackRequest(province, year, args.lang, args.agency),
                                    sources, inputs.tracked, inputs.document)
    except ValueError as exc:
        raise SystemExit(f"error: {exc}") from None
    Path(args.out).write_bytes(content)
    print(f"wrote {args.out}")
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    """`plan import|list|delete|rename|copy|template`: a plan's appendix (targets, tasks, agencies per component) as
    provinces type it, and the stored plans managed whole."""
    from . import plans, targets

    db = store.ensure_database(args.db)
    try:
        if args.action == "template":
            Path(_needs(args.file, "FILE.xlsx")).write_bytes(plans.template_xlsx(args.year or UNITS_FROM))
            print(f"wrote {args.file}")
            return 0
        if args.action == "list":
            import dataclasses

            import pandas as pd
            with store.reader(db) as con:
                _write(pd.DataFrame([dataclasses.asdict(p) for p in plans.stored_plans(con)]), args.format)
            return 0
        if args.action == "import":
            appendix = plans.read_appendix(Path(_needs(args.file, "FILE")), Path(args.file).name, args.year)
            name = one_line(args.name or appendix.name or "")  # as stored, so the name printed finds it again
            year = args.year if args.year is not None else appendix.year
            if not name or year is None:
                raise plans.AssignmentError(f"'{args.file}': its title names no {'plan number' if not name else 'year'};"
                                            f" give {'--name' if not name else '--year'}")
            province = _province_code(args.province, year) if args.province else None
            store.write(db, lambda con: plans.save_appendix(con, name, year, appendix.rows, Path(args.file).name,
                                                            province, appendix.number, appendix.date))
            counts = targets.summary(appendix.rows)
            print(f"stored plan '{name}' ({year}): {counts.rows} rows, {counts.components} components, "
                  f"{counts.targets} targets, {counts.understood} understood")
            _describe_appendix(appendix, year)
            return 0
        plan = _needs(args.plan, "--plan NAME")
        if args.action == "delete":
            store.write(db, lambda con: plans.delete_plan(con, plan))
            print(f"deleted plan '{plan}'")
        elif args.action == "rename":
            store.write(db, lambda con: plans.rename_plan(con, plan, _needs(args.name, "--name NEW")))
            print(f"renamed plan '{plan}' to '{args.name.strip()}'")
        else:  # copy
            copied = []
            store.write(db, lambda con: copied.append(plans.copy_to_next_year(con, plan, _needs(args.name, "--name NEW"))))
            print(f"copied plan '{plan}' to '{args.name.strip()}' ({copied[0]}): targets kept, deadlines moved a year")
    except (plans.AssignmentError, FileNotFoundError, store.DatabaseBusy) as exc:
        print(f"error: {exc}", file=sys.stderr)
        print("no plan was changed; the database is unchanged", file=sys.stderr)
        return 2
    return 0


def _needs(value, what: str):
    if not value:
        from .plans import AssignmentError
        raise AssignmentError(f"this action needs {what}")
    return value


def _describe_appendix(appendix, year: int) -> None:
    """What an import kept and left out, row by row, for the officer to check against the signed appendix."""
    from . import plans
    from .targets import parse

    if appendix.number:
        print(f"    document: {plans.document_title(appendix.number, appendix.date)}"
              + ("" if appendix.date else " (no date in the title)"))
    unled = plans.without_lead(appendix.rows, year)
    if unled:
        print(f"    {len(unled)} sub-dimensions of {year} have no lead agency in this plan, and show none while "
              f"it is in force: {', '.join(unled)}")
    for number, kind in appendix.skipped:
        print(f"    row {number}: {text(f'plan.skipped.{kind}', 'en')}; left out")
    for row in appendix.rows:
        if not row.code:
            print(f"    row {row.row}: names no component ('{row.label[:60]}'); kept as a general task, not a target")
        elif row.target and not parse(row.target).understood:
            print(f"    row {row.row}: target not understood ('{row.target[:60]}'); kept as text")


def cmd_targets(args: argparse.Namespace) -> int:
    """Each target of a plan judged against the year's results: met, not_met, no_data or not_understood."""
    from . import analysis, targets

    province = _province_code(args.province, args.year)
    with store.reader(args.db) as con:
        panel = analysis.Panel.load(con, include_indicators=False)
        plan, tracked = targets.progress(con, panel, province, args.year, args.plan, args.lang)
    if plan is None:
        raise SystemExit(f"error: no plan with targets for {entity(province).name_vi} in {args.year}; "
                         "import one with 'plan import'")
    if tracked.empty:
        raise SystemExit(f"error: plan '{plan}' has no targets")
    _write(tracked, args.format)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """A lead agency's thematic report (--agency) or the consolidated report to the People's Committee, in Word."""
    from .export import report

    panel, _, province, _ = _context(args)  # an unknown plan, or no data (naming the nearest year), refused here
    with store.reader(args.db) as con:
        inputs = report.ReportInputs.gather(con, panel, province, args.year, args.plan, args.lang)
    request = report.ReportRequest(province, args.year, args.lang, args.agency, charts=not args.no_charts,
                                   number=args.number or "", issued=args.date, signer_title=args.signer_title or "",
                                   signer=args.signer or "")
    try:
        content = (report.every_agency if args.every_agency else report.report)(panel, inputs, request)
    except report.ReportError as exc:
        raise SystemExit(f"error: {exc}") from None
    Path(args.out).write_bytes(content)
    print(f"wrote {args.out}" + (f" (plan '{inputs.plan}')" if inputs.plan else " (no plan with targets)"))
    return 0


def _day(value: str) -> date:
    for form in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value.strip(), form).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"'{value}' is not a date (DD/MM/YYYY or YYYY-MM-DD)")


def cmd_export_dataset(args: argparse.Namespace) -> int:
    from . import dataset

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

    p = command("ingest", cmd_ingest, "load published PAPI workbooks (.xlsx/.xlsm) and third-party compilations "
                                      "(a folder of CSV files, or the files) in one transaction")
    p.add_argument("paths", nargs="+", help="workbook files, compilation CSV files, or folders of them")
    p.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of the findings and refusals")
    p.add_argument("--replace", action="store_true",
                   help="replace a year's published figures with the file's where they differ (refused without it)")

    p = command("scores", cmd_scores, "print unweighted published scores")
    p.add_argument("--year", type=year)
    p.add_argument("--province", help="name (any spelling) or national code")
    p.add_argument("--level", choices=LEVELS)
    p.add_argument("--format", choices=("csv", "json"), default="csv")

    def province_year(p: argparse.ArgumentParser, lang: bool = True) -> None:
        p.add_argument("--province", required=True, help="name (any spelling) or the code the year's tables use")
        p.add_argument("--year", type=year, required=True)
        p.add_argument("--units", action="store_true",
                       help="before 2025: answer for the province's 2025 unit, estimated from its former provinces")
        p.add_argument("--format", choices=("csv", "json"), default="csv")
        if lang:
            p.add_argument("--lang", choices=("vi", "en"), default="vi")

    p = command("flags", cmd_flags, "components that need attention, with reasons and lead agencies")
    province_year(p)
    p.add_argument("--plan", help="assignment plan (default: the latest)")
    p.add_argument("--rule", action="append", default=[], metavar="KEY=VALUE",
                   help="change a flag rule, e.g. not_improved_years=3, low_share_of_scale=0.35, below_median=false")

    p = command("scorecard", cmd_scorecard, "every component's score, rank, group, context and change")
    province_year(p, lang=False)
    p.add_argument("--indicators", action="store_true", help="include the survey indicators")

    p = command("agencies", cmd_agencies, "agencies ranked by flagged components, or one agency's scorecard")
    province_year(p)
    p.add_argument("--agency", help="one agency's scorecard and verdict")
    p.add_argument("--plan", help="assignment plan (default: the latest)")
    p.add_argument("--rule", action="append", default=[], metavar="KEY=VALUE")

    p = command("changes", cmd_changes, "every province's change on a component between two years, in the later "
                                        "year's units (from 2025 the 34 units, against their estimates before)")
    p.add_argument("--from", dest="year_from", type=year, required=True)
    p.add_argument("--to", dest="year_to", type=year, required=True)
    p.add_argument("--code", default=TOTAL, help="TOTAL, TOTAL6 (six-dimension total), D1..D8, 1.1..8.3")
    p.add_argument("--units", action="store_true", help="before 2025: the 34 units of 2025, estimated")
    p.add_argument("--format", choices=("csv", "json"), default="csv")

    p = command("ranking", cmd_ranking, "a year's ranking as the publishers print it: score, rank, quartile group, "
                                        "the group's cut-offs and the points to the next group up")
    p.add_argument("--year", type=year, required=True)
    p.add_argument("--code", nargs="+", help="components (default: TOTAL and D1..D8), e.g. D6 6.3 6.3.1")
    p.add_argument("--units", action="store_true",
                   help="before 2025: the 34 units of 2025, estimated from their former provinces")
    p.add_argument("--format", choices=("csv", "json"), default="csv")

    p = command("regroup-2025", cmd_regroup, "scores regrouped into the 34 units of 2025 (an estimate)")
    p.add_argument("--year", type=year, required=True)
    p.add_argument("--code")
    p.add_argument("--format", choices=("csv", "json"), default="csv")

    p = command("assignment", cmd_assignment, "import, export or list agency assignment plans")
    p.add_argument("action", choices=("import", "export", "list"))
    p.add_argument("file", nargs="?", help="import: a CSV or Excel file; export: .csv or .xlsx (default: stdout)")
    p.add_argument("--plan", help="plan name, e.g. 'Kế hoạch 123/KH-UBND năm 2024'")
    p.add_argument("--year", type=year, help="the plan's year (import)")
    p.add_argument("--lang", choices=("vi", "en"), default="vi")
    p.add_argument("--format", choices=("csv", "json"), default="csv")

    p = command("export-pack", cmd_export_pack, "the PowerPoint meeting pack for a province and year")
    p.add_argument("--province", required=True, help="name (any spelling) or national code")
    p.add_argument("--year", type=year, required=True)
    p.add_argument("--units", action="store_true",
                   help="before 2025: the province's 2025 unit, estimated from its former provinces")
    p.add_argument("--out", required=True, help="FILE.pptx")
    p.add_argument("--agency", help="narrow the pack to one lead agency's components")
    p.add_argument("--lang", choices=("vi", "en"), default="vi")
    p.add_argument("--plan", help="assignment plan (default: the latest)")

    p = command("plan", cmd_plan, "a plan's appendix (targets, tasks and agencies per component): import it, list, "
                                  "delete, rename or copy stored plans to the next year, or write the appendix template")
    p.add_argument("action", choices=("import", "list", "delete", "rename", "copy", "template"))
    p.add_argument("file", nargs="?", help="import: the appendix, Excel (.xlsx) or CSV; template: FILE.xlsx")
    p.add_argument("--plan", help="delete, rename, copy: the stored plan")
    p.add_argument("--name", help="import: the plan's name (default: from the title, 'Kế hoạch 123/KH-UBND'); "
                                  "rename, copy: the new name")
    p.add_argument("--year", type=year, help="import: the year whose results the targets are for (default: from the "
                                            "title); template: the year whose components it lists")
    p.add_argument("--province", help="import: the province the plan is for")
    p.add_argument("--format", choices=("csv", "json"), default="csv")

    p = command("targets", cmd_targets, "a plan's targets judged against a year's results")
    province_year(p)
    p.add_argument("--plan", help="plan name (default: the plan with targets in force in the year)")

    p = command("report", cmd_report, "draft the year's report in Word: a lead agency's thematic report (--agency) "
                                      "or the consolidated report to the People's Committee")
    p.add_argument("--province", required=True, help="name (any spelling) or the code the year's tables use")
    p.add_argument("--year", type=year, required=True)
    p.add_argument("--plan", help="plan name (default: the plan with targets in force for the province in the year)")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--agency", help="the lead agency whose thematic report to draft (its name as in the plan, "
                                        "or the department that took it over in 2025)")
    which.add_argument("--every-agency", action="store_true",
                       help="every lead agency's thematic report, one .docx each, in a ZIP file (--out FILE.zip)")
    p.add_argument("--out", required=True, help="the .docx file to write (.zip with --every-agency)")
    p.add_argument("--lang", choices=("vi", "en"), default="vi")
    p.add_argument("--no-charts", action="store_true", help="tables in place of chart images")
    p.add_argument("--units", action="store_true",
                   help="before 2025: report on the province's 2025 unit, estimated from its former provinces")
    p.add_argument("--number", help="the report's number, '15' (made '15/BC-SNV') or '15/BC-SNV'; blank to write in")
    p.add_argument("--date", type=_day, help="the day it is signed, DD/MM/YYYY or YYYY-MM-DD; blank to write in")
    p.add_argument("--signer-title", help="the signer's title, e.g. 'PHÓ GIÁM ĐỐC' (signed 'KT. GIÁM ĐỐC'); "
                                          "default: the head of the issuing body")
    p.add_argument("--signer", help="the signer's full name")

    p = command("export-dataset", cmd_export_dataset, "write the tidy dataset (CSV) from the database")
    p.add_argument("--out", default=str(store.DATA_DIR), help="folder (default: data/)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except BrokenPipeError:  # output piped into `head` and the like
        return 0


if __name__ == "__main__":
    sys.exit(main())
