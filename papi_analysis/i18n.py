"""All user-facing text, in Vietnamese (first) and English, and number formatting per language."""
from __future__ import annotations

import math

LANGUAGES = ("vi", "en")

CATALOGUE: dict[str, tuple[str, str]] = {
    "app.title": ("Bảng điều khiển PAPI", "PAPI dashboard"),
    "app.subtitle": ("Chỉ số Hiệu quả quản trị và Hành chính công cấp tỉnh",
                     "Provincial Governance and Public Administration Performance Index"),
    "sidebar.language": ("Ngôn ngữ", "Language"),
    "page.home": ("Dữ liệu đã nạp", "Loaded data"),
    "home.intro": ("Các năm PAPI có trong cơ sở dữ liệu, theo từng bảng nguồn.",
                   "The PAPI years in the database, by source table."),
    "home.empty": ("Chưa có dữ liệu. Hãy nạp một tệp PAPI bằng lệnh `python -m papi_analysis ingest`.",
                   "No data yet. Load a PAPI workbook with `python -m papi_analysis ingest`."),
    "home.years": ("Năm có dữ liệu", "Years with data"),
    "home.provinces": ("Tỉnh, thành phố", "Provinces"),
    "home.figures": ("Số liệu", "Figures"),
    "home.skipped": ("Bảng bị bỏ qua", "Sheets skipped"),
    "col.year": ("Năm", "Year"),
    "col.file": ("Tệp nguồn", "Source file"),
    "col.sheet": ("Trang tính", "Sheet"),
    "col.layout": ("Bố cục", "Layout"),
    "col.status": ("Trạng thái", "Status"),
    "col.provinces": ("Số tỉnh", "Provinces"),
    "col.values": ("Số liệu", "Figures"),
    "col.warnings": ("Cảnh báo", "Warnings"),
    "col.loaded_at": ("Thời điểm nạp", "Loaded at"),
    "status.loaded": ("đã nạp", "loaded"),
    "status.skipped": ("bỏ qua", "skipped"),
    "status.replaced": ("đã thay thế", "replaced"),
    "layout.indicator-per-row": ("mỗi dòng một chỉ tiêu", "one indicator per row"),
    "layout.province-per-row": ("mỗi dòng một tỉnh", "one province per row"),
    "note.unweighted": ("Điểm không trọng số do CECODES, VFF-CRT, RTA và UNDP công bố (papi.org.vn).",
                        "Unweighted scores as published by CECODES, VFF-CRT, RTA and UNDP (papi.org.vn)."),
    "note.missing": ("Ô trống là không có dữ liệu, không phải điểm 0.", "A blank is no data, not a zero."),
    "note.comparability": ("Nội dung các chỉ số thay đổi năm 2016, 2018 và 2021: so sánh qua các mốc này cần thận trọng.",
                           "Dimensions changed in 2016, 2018 and 2021: compare across these years with care."),
    "download.csv": ("Tải bảng (CSV)", "Download table (CSV)"),
    # reasons a component is flagged, in words a leader reads
    "reason.lowest_group": ("thuộc nhóm thấp nhất cả nước (hạng {rank}/{n})",
                            "in the lowest group nationally (rank {rank} of {n})"),
    "reason.below_median": ("dưới trung vị cả nước ({score} so với {median})",
                            "below the national median ({score} against {median})"),
    "reason.declined": ("giảm {drop} điểm so với năm {prev_year}, vượt sai số thống kê",
                        "down {drop} points since {prev_year}, beyond the margin of error"),
    "reason.declined_untested": ("giảm {drop} điểm so với năm {prev_year} (không có sai số công bố để kiểm định)",
                                 "down {drop} points since {prev_year} (no published margin of error to test it)"),
    "reason.not_improved": ("không cải thiện trong {k} kỳ đánh giá liên tiếp",
                            "not improved in {k} consecutive surveys"),
    "reason.low_absolute": ("điểm thấp so với thang điểm ({score} trên thang {low}–{high})",
                            "low against its scale ({score} on {low}–{high})"),
    "verdict.none": ("Chủ trì {count} nội dung; không nội dung nào cần cảnh báo.",
                     "Leads {count} component(s); none needs attention."),
    "verdict.some": ("Chủ trì {count} nội dung; {flagged} cần cải thiện ({details}).",
                     "Leads {count} component(s); {flagged} need(s) attention ({details})."),
    "verdict.lowest": ("{k} thuộc nhóm thấp nhất", "{k} in the lowest group"),
    "verdict.declined": ("{k} giảm điểm", "{k} declined"),
    "verdict.not_improved": ("{k} không cải thiện", "{k} not improved"),
    "verdict.other": ("{k} dưới trung vị hoặc điểm thấp", "{k} below the median or low"),
    "verdict.no_data": ("Không có dữ liệu năm {year} cho các nội dung do cơ quan này chủ trì.",
                        "No {year} data for the components this agency leads."),
    "group.1": ("cao nhất", "highest"),
    "group.2": ("trung bình cao", "high-average"),
    "group.3": ("trung bình thấp", "low-average"),
    "group.4": ("thấp nhất", "lowest"),
}


def text(key: str, lang: str) -> str:
    vi, en = CATALOGUE[key]
    return en if lang == "en" else vi


def number(value: float | None, lang: str, decimals: int = 2) -> str:
    """5,43 in Vietnamese, 5.43 in English; a dash for no data."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    formatted = f"{value:,.{decimals}f}"
    if lang == "vi":
        formatted = formatted.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return formatted
