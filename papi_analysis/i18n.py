"""All user-facing text, in Vietnamese (first) and English, and number formatting per language."""
from __future__ import annotations

import math

from .codebook import ComparabilityNote

LANGUAGES = ("vi", "en")

CATALOGUE: dict[str, tuple[str, str]] = {
    "app.title": ("Bảng điều khiển PAPI", "PAPI dashboard"),
    "app.subtitle": ("Chỉ số Hiệu quả quản trị và Hành chính công cấp tỉnh",
                     "Provincial Governance and Public Administration Performance Index"),
    "sidebar.language": ("Ngôn ngữ", "Language"),
    "sidebar.unit_notice": ("{former} là một phần của tỉnh {unit} từ ngày 1/7/2025: đang hiển thị {unit}.",
                            "{former} has been part of {unit} since 1 July 2025: showing {unit}."),
    "sidebar.as_units": ("Xem theo 34 tỉnh mới (ước tính)", "View as the 34 new provinces (estimates)"),
    "sidebar.as_units_help": ("Điểm của các tỉnh cũ được gộp theo tỉnh mới từ 1/7/2025: số liệu ước tính, không phải số "
                              "công bố.", "The former provinces' scores combined into the units of 1 July 2025: "
                              "estimates, not published figures."),
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
    "status.no change": ("không thay đổi", "no change"),
    "layout.indicator-per-row": ("mỗi dòng một chỉ tiêu thành phần", "one indicator per row"),
    "layout.province-per-row": ("mỗi dòng một tỉnh", "one province per row"),
    "layout.compilation": ("bảng tổng hợp CSV", "CSV compilation"),
    "origin.published": ("bảng công bố", "published workbook"),
    "origin.third_party": ("bên thứ ba tổng hợp", "compiled by a third party"),
    "status.codebook": ("danh mục mã", "codebook"),
    "status.no PAPI table": ("không có bảng PAPI", "no PAPI table"),
    "col.origin": ("Nguồn gốc", "Origin"),
    "col.findings": ("Phát hiện", "Findings"),
    "col.finding": ("Phát hiện", "Finding"),
    "col.finding_code": ("Mã phát hiện", "Finding code"),
    "col.cells": ("Ô", "Cells"),
    "chart.third_party": ("{years}: bên thứ ba tổng hợp; năm chỉ có nội dung thành phần thì chỉ số nội dung và tổng hợp là tổng tính toán.",
                          "{years}: compiled by a third party; where only sub-dimensions were compiled, dimension and total scores are derived sums."),
    "note.third_party": ("Số liệu năm {years} do bên thứ ba tổng hợp từ các bảng PAPI đã công bố (vietnamdata cho 2011–2014, "
                         "đối chiếu khớp với bảng chính thức 2015–2016; ml-mcdm cho 2020, 2021 và 2024, đối chiếu khớp với "
                         "bảng chính thức 2018–2023); với ml-mcdm, chỉ có nội dung thành phần: điểm chỉ số nội dung và "
                         "tổng hợp là tổng các nội dung thành phần (số liệu tính toán).",
                         "Figures for {years} are compiled by third parties from the published PAPI tables (vietnamdata for "
                         "2011–2014, checked against the official files for 2015–2016; ml-mcdm for 2020, 2021 and 2024, "
                         "checked against the official files for 2018–2023); ml-mcdm compiled only the sub-dimensions, so "
                         "its dimension and total scores are their sums (derived)."),
    "note.unweighted": ("Điểm không trọng số do CECODES, VFF-CRT, RTA và UNDP công bố (papi.org.vn).",
                        "Unweighted scores as published by CECODES, VFF-CRT, RTA and UNDP (papi.org.vn)."),
    "note.missing": ("Ô trống là không có dữ liệu, không phải điểm 0.", "A blank is no data, not a zero."),
    "note.comparability": ("Nội dung các chỉ số thay đổi năm 2016, 2018 và 2021: so sánh qua các mốc này cần thận trọng.",
                           "Dimensions changed in 2016, 2018 and 2021: compare across these years with care."),
    "note.groups": ("Nhóm theo tứ phân vị điểm của các tỉnh có dữ liệu trong năm (từ bách phân vị 75: cao nhất; 50–75: "
                    "trung bình cao; 25–50: trung bình thấp; dưới 25: thấp nhất), như nhóm công bố cho điểm tổng hợp "
                    "và các chỉ số nội dung; với nội dung thành phần và chỉ tiêu thành phần, nhóm do bảng điều khiển tự xếp theo "
                    "cùng cách. Điểm đúng bằng ngưỡng (4 chữ số thập phân) được đánh dấu: nhà công bố xếp các trường "
                    "hợp này không giống nhau giữa các năm.",
                    "Groups are score quartiles of the provinces with data in the year (from the 75th percentile: "
                    "highest; 50–75: high-average; 25–50: low-average; below 25: lowest), as published for the total "
                    "and the dimensions; for sub-dimensions and indicators the same grouping is the dashboard's own. "
                    "A score on a cut-off (to 4 decimals) is marked: the publishers placed such scores differently "
                    "in different years."),
    "comparability.total_6_vs_8_dimensions": ("điểm tổng hợp gồm 6 chỉ số nội dung trước 2018, 8 chỉ số từ 2018",
                                              "the total had six dimensions before 2018 and eight from 2018"),
    "comparability.definition_changed": ("nội dung thay đổi năm {years}", "its content changed in {years}"),
    "comparability.discontinued_after": ("không còn đánh giá sau năm {years}", "not surveyed after {years}"),
    "comparability.introduced_in": ("chỉ đánh giá từ năm {years}", "surveyed only from {years}"),
    "common.choose": ("Chọn…", "Choose…"),
    "download.csv": ("Tải CSV", "CSV"),
    # reasons a component is flagged, in words a leader reads
    "reason.lowest_group": ("thuộc nhóm thấp nhất cả nước (hạng {rank}/{n}), còn {points} điểm nữa để thoát nhóm thấp "
                            "nhất{basis}",
                            "in the lowest group nationally (rank {rank} of {n}), {points} points more to leave the "
                            "lowest group{basis}"),
    "reason.basis.dashboard": ("nhóm do bảng điều khiển tự xếp, không có nhóm công bố",
                               "the dashboard's own grouping, none is published"),
    "reason.borderline": ("điểm đúng bằng ngưỡng nhóm, nhóm có thể khác", "the score is on a cut-off, the group may differ"),
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
    "verdict.leads": ("Chủ trì {count} nội dung", "Leads {count} components"),
    "verdict.leads.one": ("Chủ trì 1 nội dung", "Leads 1 component"),
    "verdict.none": ("{leads}; không nội dung nào cần cảnh báo.", "{leads}; none needs attention."),
    "verdict.some": ("{leads}; {flagged} cần cải thiện ({details}).", "{leads}; {flagged} need attention ({details})."),
    "verdict.some.one": ("{leads}; 1 cần cải thiện ({details}).", "{leads}; 1 needs attention ({details})."),
    "verdict.tier.1": ("{k} kém hơn các tỉnh khác", "{k} behind other provinces"),
    "verdict.tier.2": ("{k} giảm điểm hoặc không cải thiện", "{k} falling or not improving"),
    "verdict.tier.3": ("{k} chỉ thấp so với thang điểm", "{k} only low on the scale"),
    "next.focus": ("Bắt đầu từ {code} {name} (hạng {rank}/{n})", "Start with {code} {name} (rank {rank} of {n})"),
    "col.next_step": ("Việc cần làm trước", "Next step"),
    "col.gain": ("Điểm tổng hợp có thể tăng", "Total points to gain"),
    "weak.gain_help": ("Nếu nội dung đạt bằng tỉnh dẫn đầu, điểm tổng hợp tăng thêm bấy nhiêu điểm.",
                       "What the total score would gain if this component reached the best province's score."),
    "weak.no_data": ("Không có số liệu PAPI của {province} năm {year}: không có dữ liệu không có nghĩa là không có gì cần cải thiện.",
                     "No PAPI figures for {province} in {year}: no data does not mean nothing needs attention."),
    "weak.nearest": ("Xem năm {year}", "Show {year}"),
    "tier.1": ("Kém hơn các tỉnh khác", "Behind other provinces"),
    "tier.2": ("Giảm điểm hoặc không cải thiện", "Falling or not improving"),
    "tier.3": ("Chỉ thấp so với thang điểm (hầu hết các tỉnh cũng thấp)", "Only low on the scale (most provinces are low too)"),
    "verdict.no_data": ("Không có dữ liệu năm {year} cho các nội dung do cơ quan này chủ trì.",
                        "No {year} data for the components this agency leads."),
    # pages and navigation
    "page.overview": ("Tổng quan", "Overview"),
    "page.trends": ("Xu hướng", "Trends"),
    "page.weak": ("Nội dung cần cải thiện", "Weak components"),
    "page.agencies": ("Cơ quan", "Agencies"),
    "page.compare": ("So sánh", "Compare"),
    "page.map": ("Bản đồ", "Map"),
    "page.data": ("Dữ liệu", "Data"),
    "estimate.basis": ("ước tính", "estimate"),
    "estimate.basis_lacking": ("ước tính, thiếu {members}", "estimate, without {members}"),
    "unit.new": ("{name} (tỉnh mới)", "{name} (new province)"),
    "unit.new_city": ("{name} (thành phố mới)", "{name} (new city)"),
    "unit.former": ("{name} (cũ)", "{name} (former)"),
    "link.bad_year": ("Đường dẫn hỏi năm {asked}, nhưng chưa có số liệu năm đó: đang hiển thị năm {shown}.",
                      "The link asks for {asked}, which has no figures loaded: showing {shown}."),
    "link.bad_province": ("Đường dẫn hỏi tỉnh “{asked}”, nhưng không nhận ra tỉnh này: đang hiển thị {shown}.",
                          "The link asks for the province “{asked}”, which is not recognised: showing {shown}."),
    "link.bad_language": ("Đường dẫn hỏi ngôn ngữ “{asked}”, không có: đang hiển thị tiếng Việt.",
                          "The link asks for the language “{asked}”, which there is not: showing Vietnamese."),
    "link.bad_choice": ("Đường dẫn hỏi “{asked}” cho “{what}”, nhưng trang này không có lựa chọn đó: đang hiển thị “{shown}”.",
                        "The link asks for “{asked}” as “{what}”, which this page does not offer: showing “{shown}”."),
    "sidebar.province": ("Tỉnh, thành phố", "Province"),
    "sidebar.year": ("Năm", "Year"),
    "sidebar.link": ("Đường dẫn trên thanh địa chỉ giữ nguyên lựa chọn hiện tại.",
                     "The address bar link reproduces this view."),
    # overview
    "overview.title": ("{province} – PAPI {year}", "{province} – PAPI {year}"),
    "overview.total": ("Điểm tổng hợp", "Total score"),
    "overview.rank": ("Xếp hạng", "Rank"),
    "overview.rank_value": ("{rank}/{n}", "{rank} of {n}"),
    "overview.group": ("Nhóm", "Group"),
    "overview.change": ("Thay đổi so với {prev_year}", "Change since {prev_year}"),
    "overview.no_previous": ("Chưa có năm trước để so sánh", "No earlier year to compare"),
    "overview.rank_delta": ("{delta:+d} bậc", "{delta:+d} places"),
    "overview.summary": ("Tóm tắt", "Summary"),
    "overview.first_year": ("{year} là năm đầu tiên có số liệu: chưa có năm trước để so sánh.",
                            "{year} is the first year with figures: there is no earlier year to compare with."),
    "overview.change_none": ("Thay đổi so với năm trước", "Change since the previous year"),
    "overview.no_total": ("{province} không có điểm tổng hợp năm {year} (kết quả chưa đầy đủ); các chỉ số nội dung có "
                          "dữ liệu được hiển thị bên dưới.",
                          "{province} has no total for {year} (incomplete results); the dimensions with data are "
                          "shown below."),
    "overview.derived_total": ("Trước 2018 không công bố điểm tổng hợp; điểm hiển thị là tổng 6 chỉ số nội dung.",
                               "No total was published before 2018; the figure shown is the sum of the six dimensions."),
    "overview.derived_sum": ("Điểm tổng hợp năm {year} là tổng 8 chỉ số nội dung, mỗi chỉ số là tổng các nội dung thành "
                             "phần do bên thứ ba tổng hợp (số liệu tính toán, không phải số công bố).",
                             "The {year} total is the sum of the eight dimensions, each the sum of the sub-dimensions a "
                             "third party compiled (derived, not a published figure)."),
    "overview.not_comparable": ("Điểm tổng hợp năm {prev_year} và {year} không so sánh trực tiếp được ({why}).",
                                "The {prev_year} and {year} totals are not directly comparable ({why})."),
    "overview.scorecard": ("Bảng điểm chi tiết", "Full scorecard"),
    "summary.rose": ("Tăng so với {prev_year}: {items}.", "Rose since {prev_year}: {items}."),
    "summary.fell": ("Giảm so với {prev_year}: {items}.", "Fell since {prev_year}: {items}."),
    "summary.not_comparable": ("Không so sánh với năm trước do thay đổi định nghĩa: {codes}.",
                               "Not compared with the previous year because definitions changed: {codes}."),
    # trends
    "trends.component": ("Chỉ số", "Component"),
    "trends.peers": ("So sánh với tỉnh", "Compare with provinces"),
    "trends.measure": ("Bản đồ nhiệt theo", "Heatmap of"),
    "trends.measure.group": ("nhóm", "group"),
    "trends.measure.rank": ("thứ hạng", "rank"),
    "trends.levels": ("Hiện cả nội dung thành phần", "Include sub-dimensions"),
    # weak components
    "weak.intro": ("Các nội dung cần cải thiện: trước hết là những nội dung kém hơn các tỉnh khác, rồi những nội dung giảm "
                   "điểm hoặc không cải thiện; trong mỗi nhóm, nội dung có thể mang lại nhiều điểm tổng hợp nhất đứng đầu.",
                   "Components that need attention: first those behind other provinces, then those falling or not "
                   "improving; within each, the one that could add most to the total score comes first."),
    "weak.none": ("Không có nội dung nào cần cảnh báo theo các tiêu chí hiện tại.", "No component needs attention under the current rules."),
    "weak.open": ("Xem chỉ tiêu thành phần (câu hỏi khảo sát) của nội dung", "Open a component's indicators"),
    "weak.indicators_intro": ("Các chỉ tiêu thành phần (câu hỏi khảo sát) của {component}: chỉ tiêu thành phần kém hơn trung bình cả nước được đánh dấu đỏ.",
                              "Survey indicators of {component}: those worse than the national mean are in red."),
    "weak.no_indicators": ("Năm này không công bố chỉ tiêu thành phần cho nội dung này.", "No indicators published for this component this year."),
    "weak.rules": ("Tiêu chí cảnh báo", "Flag rules"),
    "weak.rule.not_improved_years": ("Số kỳ liên tiếp không cải thiện", "Consecutive surveys without improvement"),
    "weak.rule.low_share_of_scale": ("Ngưỡng điểm thấp (% thang điểm)", "Low-score threshold (% of the scale)"),
    "weak.rule.below_median": ("Cảnh báo khi dưới trung vị", "Flag below the median"),
    "weak.pack": ("Tải bộ trình chiếu (PPTX)", "Download the meeting pack (PPTX)"),
    # agencies
    "agencies.ranking": ("Cơ quan xếp theo số nội dung cần cải thiện", "Agencies by components needing attention"),
    "agencies.choose": ("Cơ quan", "Agency"),
    "agencies.assignment": ("Bảng phân công", "Assignment table"),
    "agencies.none": ("Chưa có bảng phân công. Quản trị viên có thể nhập kế hoạch ở trang Kế hoạch.",
                      "No assignment stored yet. An administrator can import a plan on the Plan page."),
    "agencies.edit_on_plan": ("Nhập hoặc sửa kế hoạch và bảng phân công ở trang Kế hoạch",
                              "Import or edit the plan and its assignment on the Plan page"),
    "agencies.plan_name": ("Tên kế hoạch", "Plan name"),
    "agencies.save": ("Lưu kế hoạch", "Save plan"),
    "agencies.export_csv": ("Tải bảng phân công (CSV)", "Download assignment (CSV)"),
    "agencies.export_xlsx": ("Tải bảng phân công (Excel)", "Download assignment (Excel)"),
    # compare
    "compare.peer_group": ("Nhóm so sánh", "Peer group"),
    "compare.peer.all": ("Cả nước", "All provinces"),
    "compare.peer.region": ("Cùng vùng", "Same region"),
    "compare.peer.unit_2025": ("Cùng tỉnh mới (2025)", "Same 2025 unit"),
    "compare.regrouped": ("Ước tính theo 34 tỉnh, thành phố từ 1/7/2025", "Estimate for the 34 provinces of 1 July 2025"),
    "compare.estimate_warning": ("Đây là ƯỚC TÍNH, không phải số liệu công bố: điểm của các tỉnh cũ được gộp theo "
                                 "số người trả lời (nếu có công bố), nếu không thì lấy trung bình cộng.",
                                 "This is an ESTIMATE, not a published figure: former provinces' scores combined by "
                                 "respondents where published, otherwise a plain mean."),
    # map
    "map.title": ("{component} – nhóm điểm năm {year}", "{component} – score groups, {year}"),
    "map.unit": ("Bốn nhóm theo tứ phân vị điểm của các tỉnh có dữ liệu (từ P75; P50–P75; P25–P50; dưới P25); màu "
                 "xám: không có dữ liệu",
                 "Four groups by score quartiles of the provinces with data (from P75; P50–P75; P25–P50; below "
                 "P25); grey: no data"),
    "map.unit_dashboard": ("Nhóm do bảng điều khiển tự xếp theo tứ phân vị điểm (không có nhóm công bố cho nội dung "
                           "này); màu xám: không có dữ liệu",
                           "The dashboard's own groups by score quartiles (none is published for this component); "
                           "grey: no data"),
    "map.unit_tiles": ("Bản đồ ô (mỗi ô một tỉnh); màu xám: không có dữ liệu",
                       "Tile map (one tile per province); grey: no data"),
    "map.no_data": ("không có dữ liệu", "no data"),
    "map.hoang_sa": ("Quần đảo Hoàng Sa (Đà Nẵng)", "Hoang Sa archipelago (Da Nang)"),
    "map.truong_sa": ("Quần đảo Trường Sa (Khánh Hòa)", "Truong Sa archipelago (Khanh Hoa)"),
    "map.fallback": ("Không tìm thấy tệp ranh giới tỉnh ({path}); hiển thị bản đồ ô.",
                     "Province boundaries file not found ({path}); showing the tile map."),
    # data
    "data.upload": ("Nạp tệp PAPI (quản trị viên)", "Load PAPI workbooks (administrator)"),
    "data.upload_help": ("Tệp .xlsx/.xlsm tối đa {mb} MB, hoặc các tệp CSV của một bảng tổng hợp (2020.csv ... kèm "
                         "codebook_provinces.csv). Cả lần nạp được thực hiện trong một giao dịch: nếu một tệp bị từ "
                         "chối, dữ liệu không thay đổi.",
                         ".xlsx/.xlsm files up to {mb} MB, or a compilation's CSV files (2020.csv ... with "
                         "codebook_provinces.csv). The load is one transaction: if any file is refused, nothing changes."),
    "data.ingest": ("Nạp vào cơ sở dữ liệu", "Load into the database"),
    "data.refused": ("Từ chối: {error} Dữ liệu không thay đổi.", "Refused: {error} Nothing was changed."),
    "data.nothing_loaded": ("không năm nào thay đổi", "no year changed"),
    "data.confirm_replace": ("Xác nhận thay thế số liệu công bố đã có", "Confirm: replace the published figures stored"),
    "data.confirm_replace_help": ("Tệp này sẽ thay đổi số liệu công bố đã có, như tóm tắt ở trên. Chỉ xác nhận khi chắc chắn tệp mới là đúng: số liệu cũ được thay toàn bộ cho năm đó.",
                                  "These files would change published figures already stored, as summarised above. Confirm only if you are sure the new file is right: the year's stored figures are replaced whole."),
    "data.loaded": ("Đã nạp: {years}.", "Loaded: {years}."),
    "data.show_year": ("Xem số liệu năm {year}", "Show {year}"),
    "data.too_big": ("Tệp {name} vượt quá {mb} MB.", "File {name} is larger than {mb} MB."),
    "data.quality": ("Cảnh báo chất lượng dữ liệu", "Data-quality warnings"),
    "data.sources": ("Nguồn dữ liệu", "Sources"),
    "data.download": ("Tải dữ liệu đã chuẩn hóa", "Download the tidy data"),
    "data.download_scores": ("Tải toàn bộ điểm (CSV)", "Download all scores (CSV)"),
    # ingest findings: {params} come from papi_analysis.ingest.findings.Finding
    "finding.formula_without_value": ("{count} ô có công thức nhưng không có kết quả đã lưu (tệp do chương trình không "
                                      "tính công thức ghi ra), đọc như ô trống, từ ô {first}: mở tệp bằng Excel hoặc "
                                      "LibreOffice, lưu lại rồi nạp lại",
                                      "{count} cells hold a formula without a saved result (the program that wrote the "
                                      "file did not calculate it) and were read as empty, from cell {first}: open the "
                                      "file in Excel or LibreOffice, save it and load it again"),
    "finding.outside_scale": ("{code} ({label}): {count} giá trị nằm ngoài thang điểm {scale}, coi là không có dữ liệu: {examples}",
                              "{code} ({label}): {count} value(s) outside the scale {scale} treated as missing: {examples}"),
    "finding.percentage_points": ("{code} ({label}): công bố theo điểm phần trăm, không phải tỷ lệ; đã chia cho 100",
                                  "{code} ({label}): published in percentage points, not proportions; divided by 100"),
    "finding.dropped_zero_indicators": ("{count} giá trị chỉ tiêu thành phần bằng 0 thuộc nội dung thành phần không có dữ liệu cũng coi là không có dữ liệu",
                                        "{count} indicator value(s) of 0 under a sub-dimension treated as missing were treated as missing too"),
    "finding.dropped_statistics": ("{count} khoảng tin cậy, sai số hoặc phương sai của các điểm không có dữ liệu đã bỏ theo",
                                   "{count} confidence bound(s), standard error(s) or variance(s) of missing scores were dropped with them"),
    "finding.dimensions_do_not_add_up": ("{code}: tổng các chỉ số nội dung lệch với điểm tổng hợp (quá {tolerance}) ở {count} tỉnh; lệch nhiều nhất {gap} tại {examples}",
                                         "{code}: the dimensions do not add up to the total (beyond {tolerance}) for {count} province(s); largest gap {gap} at {examples}"),
    "finding.subdimensions_do_not_add_up": ("{code} ({label}): tổng các nội dung thành phần lệch với chỉ số nội dung (quá {tolerance}) ở {count} tỉnh; lệch nhiều nhất {gap} tại {examples}",
                                            "{code} ({label}): the sub-dimensions do not add up to the dimension (beyond {tolerance}) for {count} province(s); largest gap {gap} at {examples}"),
    "finding.component_out_of_years": ("{code} có số liệu nhưng chỉ tồn tại từ {first} đến {last}: số liệu trong bảng này có thể không phải của năm {year}",
                                       "{code} has figures, but it existed only from {first} to {last}: the figures in this sheet may not be {year}'s"),
    "finding.repeated_row": ("Dòng {row} ('{label}') lặp lại {code} đã đọc ở dòng {first_row}; bỏ qua {count} số liệu",
                             "Row {row} ('{label}') repeats {code} already read from row {first_row}; its {count} figure(s) ignored"),
    "finding.sheet_repeats_sheet": ("Bỏ qua: lặp lại số liệu của trang '{sheet}' trong '{file}' ({year})",
                                    "Skipped: repeats the figures of sheet '{sheet}' of '{file}' ({year})"),
    "finding.sheet_fewer_figures": ("Bỏ qua: cùng năm với trang '{sheet}' trong '{file}' ({year}) nhưng ít số liệu hơn",
                                    "Skipped: gives the same year as, with fewer figures than, sheet '{sheet}' of '{file}' ({year})"),
    "finding.sheet_listed_later": ("Bỏ qua: cùng năm với trang '{sheet}' trong '{file}' ({year}), cùng số lượng số liệu; giữ trang đứng trước",
                                   "Skipped: gives the same year as sheet '{sheet}' of '{file}' ({year}), with as many figures; the sheet listed first is kept"),
    "finding.sheet_repeats_stored": ("Bỏ qua: lặp lại số liệu năm {year} đã có trong cơ sở dữ liệu ({origin})",
                                     "Skipped: repeats the figures of {year} already in the database ({origin})"),
    "finding.year_replaced": ("Năm {year} đã được nạp (từ {origin}); thay thế toàn bộ",
                              "{year} was already loaded (from {origin}); replaced whole"),
    "finding.official_kept": ("Bỏ qua: năm {year} đã có số liệu từ bảng công bố chính thức ({origin}); bản tổng hợp của bên thứ ba không thay thế",
                              "Skipped: {year} already has figures from a published workbook ({origin}); a third-party compilation does not replace them"),
    "finding.unrecognised_row": ("Dòng {row} ('{label}') có {count} số liệu nhưng không nhận ra là nội dung nào; không nạp",
                                 "Row {row} ('{label}') holds {count} figure(s) but names no known component; not loaded"),
    "finding.unrecognised_column": ("Cột {column} ('{label}') có {count} số liệu nhưng không nhận ra là nội dung nào; không nạp",
                                    "Column {column} ('{label}') holds {count} figure(s) but names no known component; not loaded"),
    "finding.unlabelled_column": ("Cột {column} không có tên tỉnh nhưng có {count} số liệu; không nạp",
                                  "Column {column} has no province name but holds {count} figure(s); not loaded"),
    "finding.summary_not_loaded": ("'{label}' ({where_kind} {where}) là số liệu thống kê chung, không phải một tỉnh: {count} số liệu không nạp (bảng điều khiển tự tính số liệu cả nước)",
                                   "'{label}' ({where_kind} {where}) is a summary statistic, not a province: {count} figure(s) not loaded (the dashboard computes its own national figures)"),
    "finding.label_other_structure": ("{code} năm {year} ghi là '{label}', tên mà PAPI dùng cho nội dung khác theo cấu trúc năm đó (năm {year}, {code} là '{expected}'); giữ theo số thứ tự",
                                      "{code} in {year} is labelled '{label}', a name PAPI used for another component in that year's structure (in {year}, {code} is '{expected}'); kept as numbered"),
    "finding.statistic_without_component": ("Dòng {row} ('{label}') là thống kê nhưng không rõ của nội dung nào; {count} số liệu không nạp",
                                            "Row {row} ('{label}') is a statistic of no identifiable component; its {count} figure(s) not loaded"),
    "finding.province_without_figures": ("Không có số liệu cho: {provinces}", "No figures for: {provinces}"),
    "finding.derived_sums": ("{count} điểm chỉ số nội dung và tổng hợp tính bằng tổng các nội dung thành phần (số liệu tính toán, không phải số công bố)",
                             "{count} dimension and total scores computed as sums of their sub-dimensions (derived, not published)"),
    "finding.outside_year_structure": ("{code} không có trong cấu trúc PAPI năm {year}: {count} số liệu không nạp",
                                       "{code} is not part of PAPI's {year} structure: its {count} figure(s) not loaded"),
    "finding.recognised_by_position": ("Dòng {row} ('{label}') không đánh số và không có trong danh mục tên; nhận là {code} theo vị trí dưới chỉ số nội dung và thang điểm",
                                       "Row {row} ('{label}') has no numbering and no known name; read as {code} by its place under its dimension and its scale"),
    "finding.year_not_specific": ("'{label}' ghi năm {named} giống nhau trên mọi trang của tệp, trong khi số liệu các trang khác nhau: đó không phải năm của riêng trang này; năm {year} lấy từ {source_kind_text} '{source}'",
                                  "'{label}' names {named} alike on every sheet of this workbook, whose sheets hold different figures: it is not this sheet's year; {year} is read from the {source_kind_text} '{source}'"),
    "finding.year_evidence_disagrees": ("Các ô ghi năm khác nhau: chọn năm {year} theo {source_kind_text} '{source}'; khác với {others}",
                                        "Cells name different years: {year} is chosen from the {source_kind_text} '{source}'; it disagrees with {others}"),
    "finding.third_party_dataset": ("Bảng có tên biến của một bộ dữ liệu ({labels}), không phải bảng do nhóm nghiên cứu PAPI công bố: số liệu được ghi là do bên thứ ba tổng hợp",
                                    "The table is headed by a data set's variable names ({labels}), not as the PAPI publishers print their tables: its figures are stored as compiled by a third party"),
    "finding.read_in_structure_order": ("Các cột của {dimension} ({labels}) không mang tên các nội dung thành phần năm {year}; đọc theo thứ tự cấu trúc năm {year}: {codes}",
                                        "The columns of {dimension} ({labels}) do not name {year}'s sub-dimensions; read in the order of {year}'s structure: {codes}"),
    "finding.labels_of_other_structure": ("Các cột của {dimension} ({labels}) mang tên các nội dung thành phần theo cấu trúc năm {named_in}, không phải năm {year}; đọc theo thứ tự cấu trúc năm {year}: {codes}",
                                          "The columns of {dimension} ({labels}) carry the names of the {named_in} structure's sub-dimensions, not {year}'s; read in the order of {year}'s structure: {codes}"),
    "finding.year_source.label": ("nhãn tổng hợp", "total label"),
    "finding.year_source.title": ("tiêu đề", "title"),
    "finding.year_source.sheet": ("tên trang", "sheet name"),
    "finding.repeated_column": ("Cột {column} ('{label}') lặp lại một nội dung đã đọc ở cột trước; {count} số liệu không nạp",
                                "Column {column} ('{label}') repeats a component already read from an earlier column; its {count} figure(s) not loaded"),
    "finding.legacy": ("{text}", "{text}"),
    "finding.published_replaced": ("Thay thế theo yêu cầu: {count} số liệu công bố năm {year} đã có được thay bằng số liệu của tệp này",
                                   "Replaced as asked: {count} published {year} figure(s) stored before now hold this file's figures"),
    "finding.new_component": ("{code} ('{label}'): nội dung mới trong cấu trúc năm {year}, không có trong danh mục các năm trước; nạp theo nhãn, thang điểm và nội dung cha đã công bố, không so sánh với năm khác",
                              "{code} ('{label}'): new in {year}, a component no earlier structure has; loaded with its published label, scale and parent, never compared with other years"),
    "finding.year_unchanged": ("Số liệu năm {year} trùng với số liệu đã có ({origin}, sai lệch không quá 0,0001): không thay đổi",
                               "The {year} figures equal those stored ({origin}, to 0.0001): no change"),
    "finding.label_column": ("Cột {column} ('{label}') là {holds}, không phải điểm số: {count} ô không nạp",
                             "Column {column} ('{label}') holds {holds}, not a score: its {count} cell(s) not loaded"),
    "finding.holds.rank": ("thứ hạng", "a rank"),
    "finding.holds.group": ("nhóm xếp loại", "a group or tier"),
    "finding.holds.region": ("vùng, miền", "a region"),
    "finding.holds.count": ("số đếm (số quan sát, số người trả lời)", "a count (observations, respondents)"),
    "finding.holds.id": ("số thứ tự hoặc mã", "a row number or id"),
    "finding.holds.statistic": ("thống kê (sai số, khoảng tin cậy, thay đổi)", "a statistic (error, bounds, change)"),
    "finding.holds.label": ("nhãn văn bản", "a text label"),
    "finding.where.row": ("dòng", "row"),
    "finding.where.column": ("cột", "column"),
    # ingest refusals: IngestError(file, code, sheet, cells, **params); `.next` says what to do next
    "cli.unchanged": ("không nạp gì; cơ sở dữ liệu không thay đổi", "nothing was loaded; the database is unchanged"),
    "refusal.where.file": ("Tệp '{file}'", "'{file}'"),
    "refusal.where.sheet": (", trang '{sheet}'", ", sheet '{sheet}'"),
    "refusal.where.cell": (", ô {cell}", ", cell {cell}"),
    "refusal.file_empty": ("tệp rỗng", "the file is empty"),
    "refusal.file_too_large": ("tệp có dung lượng {size}, vượt giới hạn {limit}", "the file is {size}; the limit is {limit}"),
    "refusal.file_too_large.next": ("Tách tệp thành nhiều tệp nhỏ hơn (mỗi năm một tệp).", "Split it into smaller files (a year a file)."),
    "refusal.not_zip": ("không phải tệp Excel (.xlsx/.xlsm): tệp không phải một kho nén zip hợp lệ; có thể tệp bị cắt cụt hoặc là định dạng khác được đổi tên",
                        "not an Excel workbook (.xlsx/.xlsm): the file is not a valid zip archive; it may be truncated, or another format renamed"),
    "refusal.not_zip.next": ("Mở tệp bằng Excel và lưu lại dưới dạng .xlsx, hoặc tải lại tệp gốc.",
                             "Open it in Excel and save it as .xlsx, or download the original again."),
    "refusal.archive_damaged": ("kho nén của tệp Excel bị hỏng ({detail})", "the workbook archive is damaged ({detail})"),
    "refusal.archive_damaged.next": ("Tải lại tệp gốc.", "Download the original file again."),
    "refusal.expands_too_large": ("tệp khi giải nén lên tới {size}, vượt giới hạn {limit}",
                                  "the workbook would expand to {size}; the limit is {limit}"),
    "refusal.not_workbook": ("không phải tệp Excel: kho nén không có xl/workbook.xml (tệp .xls phải lưu lại thành .xlsx)",
                             "not an Excel workbook: the archive has no xl/workbook.xml (.xls files must be re-saved as .xlsx)"),
    "refusal.not_workbook.next": ("Mở tệp bằng Excel và lưu lại dưới dạng .xlsx.", "Open it in Excel and save it as .xlsx."),
    "refusal.unreadable": ("không đọc được tệp Excel ({detail})", "the workbook cannot be read ({detail})"),
    "refusal.unreadable.next": ("Mở tệp bằng Excel và lưu lại dưới dạng .xlsx.", "Open it in Excel and save it as .xlsx."),
    "refusal.too_many_sheets": ("tệp có {count} trang tính, vượt giới hạn {limit}", "the workbook has {count} sheets; the limit is {limit}"),
    "refusal.sheet_unreadable": ("không đọc được trang tính ({detail})", "the sheet cannot be read ({detail})"),
    "refusal.no_table": ("không tìm thấy bảng PAPI nào trong các trang tính: cần các tỉnh theo một dòng hoặc một cột và tên nội dung như '1.1: Tri thức công dân', 'Chỉ số nội dung 1' hoặc 'D1'",
                         "no PAPI table found in any sheet: looked for the provinces along a row or a column and component labels such as '1.1: Tri thức công dân', 'Dimension 1', 'D1' or 'Civic Knowledge'"),
    "refusal.no_table.next": ("Kiểm tra rằng tệp có tên các tỉnh và tên hoặc mã các chỉ số nội dung.",
                              "Check that the file names the provinces and the components, by name or code."),
    "refusal.plan_appendix": ("tệp này giống phụ lục kế hoạch (chỉ tiêu, nhiệm vụ, cơ quan chủ trì), không phải bảng điểm PAPI",
                              "this looks like a plan appendix (targets, tasks, lead agencies), not a table of PAPI scores"),
    "refusal.plan_appendix.next": ("Hãy nạp tệp ở trang Kế hoạch.", "Load it on the Kế hoạch (Plan) page."),
    "refusal.not_compilation": ("không phải bảng PAPI: tệp CSV cần tên các tỉnh và tên hoặc mã các nội dung (bảng dạng dòng-tỉnh, hoặc một cột năm), hoặc là một tệp của bảng tổng hợp (2020.csv, khóa tỉnh, các cột SC11 ... SC83)",
                                "not a PAPI table: a CSV file needs the provinces and the components by name or code (one province per row, with a year column for several years), or a compilation's year file (2020.csv, a province key per row, sub-dimension columns SC11 ... SC83)"),
    "refusal.folder_empty": ("thư mục không có tệp .csv, .xlsx hoặc .xlsm nào", "the folder holds no .csv, .xlsx or .xlsm file"),
    "refusal.not_utf8": ("không phải tệp CSV UTF-8", "not a UTF-8 CSV file"),
    "refusal.not_utf8.next": ("Trong Excel, lưu lại với định dạng 'CSV UTF-8'.", "In Excel, save it as 'CSV UTF-8'."),
    "refusal.needs_codebook": ("khóa tỉnh của bảng tổng hợp cần tệp '{codebook}' trong cùng thư mục",
                               "its province keys need the compilation's '{codebook}' in the same folder"),
    "refusal.unknown_province_key": ("khóa tỉnh '{key}' không có trong {codebook}", "unknown province key '{key}': not in {codebook}"),
    "refusal.province_key_twice": ("khóa tỉnh '{key}' xuất hiện hai lần (cả ở dòng {other})",
                                   "province key '{key}' appears twice (also in row {other})"),
    "refusal.text_in_score": ("ô điểm số chứa văn bản: '{value}' không phải là số (dòng '{label}')",
                              "text in a score cell: '{value}' is not a number (row '{label}')"),
    "refusal.text_in_score.next": ("Sửa ô thành số (dấu chấm thập phân) hoặc để trống nếu không có dữ liệu, rồi nạp lại.",
                                   "Make the cell a number (decimal point) or leave it blank for no data, and load again."),
    "refusal.no_year": ("không xác định được bảng thuộc năm nào: không có năm trong nhãn, tiêu đề hoặc tên trang tính",
                        "cannot tell which year this table holds: no year in its labels, title or sheet name"),
    "refusal.no_year.next": ("Ghi năm vào tên trang tính hoặc tiêu đề (ví dụ 'PAPI 2024').",
                             "Put the year in the sheet name or the title (e.g. 'PAPI 2024')."),
    "refusal.formula_without_result": ("ô điểm số chứa công thức chưa có kết quả đã lưu (chương trình ghi tệp không tính công thức)",
                                       "the score cell holds a formula without a saved result (the program that wrote the file did not calculate it)"),
    "refusal.formula_without_result.next": ("Mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi nạp lại.",
                                            "Open the file in Excel or LibreOffice, save it, and load it again."),
    "refusal.year_on_every_sheet": ("không xác định được bảng thuộc năm nào: năm {year}, ghi ở {where} ('{label}'), được ghi giống nhau trên mọi trang tính của tệp trong khi các trang có số liệu khác nhau, và không có gì khác (tên trang, tiêu đề) nêu năm của trang này",
                                    "cannot tell which year this table holds: {year}, named in {where} ('{label}'), is named alike on every sheet of this workbook, whose sheets hold different figures, and nothing else (sheet name, title) names this sheet's year"),
    "refusal.year_on_every_sheet.next": ("Ghi năm vào tên trang tính rồi nạp lại.", "Name the year in the sheet name and load again."),
    "refusal.not_finite": ("ô điểm số chứa '{value}', không phải một số hữu hạn (dòng '{label}')",
                           "'{value}' is not a finite number (row '{label}')"),
    "refusal.not_finite.next": ("Sửa ô thành một số, hoặc để trống nếu không có dữ liệu, rồi nạp lại.",
                                "Make the cell a number, or leave it blank for no data, and load again."),
    "refusal.part_too_large": ("phần {part} của tệp Excel lớn hơn {limit} MB", "the workbook's part {part} is larger than {limit} MB"),
    "refusal.sheet_too_large": ("trang tính kéo dài tới ô {far} ({rows:,} dòng × {columns:,} cột) với {used:,} ô; giới hạn là {max_rows:,} dòng, {max_columns:,} cột và {max_cells:,} ô tính từ A1 tới ô cuối",
                                "the sheet reaches cell {far} ({rows:,} rows × {columns:,} columns) with {used:,} cells; the limit is {max_rows:,} rows, {max_columns:,} columns and {max_cells:,} cells from A1 to the last cell"),
    "refusal.sheet_too_large.next": ("Xóa các dòng và cột ngoài bảng (Ctrl+End cho biết ô cuối) rồi lưu lại.",
                                     "Delete the rows and columns beyond the table (Ctrl+End shows the last cell) and save again."),
    "refusal.former_province": ("'{name}' là tỉnh trước ngày 1/7/2025 (nay thuộc {unit}), nhưng bảng là của năm {year}, năm dùng 34 tỉnh, thành phố mới",
                                "'{name}' is a province of before 1 July 2025 (now part of {unit}), but the table is of {year}, which names the 34 provinces of 2025"),
    "refusal.unknown_province": ("không nhận ra tỉnh '{name}': không phải một trong 63 tỉnh (dưới bất kỳ cách viết nào), cũng không phải dòng tổng hợp như 'Cả nước'",
                                 "unknown province '{name}': not one of the 63 provinces under any spelling, nor a summary such as 'Cả nước'"),
    "refusal.unknown_province.next": ("Sửa tên tỉnh rồi nạp lại.", "Correct the name and load again."),
    "refusal.province_twice": ("tỉnh '{name}' xuất hiện hai lần (cả ở {other})", "province '{name}' appears twice (also in {other})"),
    "refusal.code_mismatch": ("mã tỉnh {given} không khớp với tỉnh ghi ở {where} ('{name}' có mã {expected})",
                              "province code {given} does not match the province named in its {where} ('{name}' has code {expected})"),
    "refusal.published_figures_differ": ("năm {years} đã có số liệu công bố ({origin}); tệp này sẽ thay đổi {count} số liệu ({changed} khác, {added} thêm, {removed} mất), lệch nhiều nhất: {examples}",
                                         "{years} already holds published figures ({origin}); this file would change {count} of them ({changed} different, {added} added, {removed} removed), the largest differences: {examples}"),
    "refusal.published_figures_differ.next": ("Nếu tệp này đúng và cần thay số liệu đã có, nạp lại với xác nhận thay thế (dòng lệnh: ingest --replace).",
                                              "If this file is right and should replace them, load it again confirming the replacement (command line: ingest --replace)."),
    # administrator
    "admin.secret": ("Mật khẩu quản trị", "Administrator secret"),
    "admin.unlock": ("Mở khóa", "Unlock"),
    "admin.refused": ("Sai mật khẩu quản trị.", "Wrong administrator secret."),
    "admin.wait": ("Đã nhập sai nhiều lần: hãy thử lại sau {seconds} giây.",
                   "Too many wrong secrets: try again in {seconds} seconds."),
    "admin.disabled": ("Chức năng quản trị đang tắt trên máy chủ này; bộ phận công nghệ thông tin bật khi cài đặt "
                       "(xem docs/operations.md).",
                       "Administration is disabled on this server; the IT office enables it when deploying "
                       "(see docs/operations.md)."),
    "error.page": ("Không hiển thị được trang này do lỗi của chương trình. Lỗi đã được ghi vào nhật ký của máy chủ; "
                   "hãy tải lại trang hoặc báo cho bộ phận công nghệ thông tin.",
                   "This page could not be shown because of a fault in the program. The fault has been written to "
                   "the server's log; reload the page or tell the IT office."),
    "admin.ok": ("Đã mở khóa chức năng quản trị.", "Administrator functions unlocked."),
    # meeting pack and exports
    "pack.title": ("Chỉ số PAPI {year}: {province}", "PAPI {year}: {province}"),
    "pack.subtitle": ("Tài liệu họp, lập ngày {date}", "Meeting pack, prepared {date}"),
    "pack.overview": ("Tổng quan: {province} {year}", "Overview: {province} {year}"),
    "pack.dimension_subtitle": ("Điểm {score} · hạng {rank}", "Score {score} · rank {rank}"),
    "pack.flags": ("Nội dung cần cải thiện: {province} {year}", "Components needing attention: {province} {year}"),
    "pack.sources": ("Nguồn số liệu và lưu ý", "Sources and caveats"),
    "pack.since": ("so với {year}", "since {year}"),
    "pack.not_comparable": ("không so sánh trực tiếp được", "not directly comparable"),
    "pack.derived": ("Trước 2018, điểm tổng hợp là tổng các chỉ số nội dung (không công bố riêng).",
                     "Before 2018 the total is the sum of the dimensions (not published separately)."),
    "pack.number_format": ("Nhãn số trên biểu đồ theo thiết lập vùng của máy trình chiếu.",
                           "Number labels in charts follow the presenting computer's regional settings."),
    "pack.assignment": ("Phân công cơ quan chủ trì theo: {plan}.", "Lead agencies as assigned in: {plan}."),
    "pack.download": ("Tải bộ trình chiếu (PPTX)", "Download the meeting pack (PPTX)"),
    "pack.change_against": ("Thay đổi so với {estimate}", "Change against {estimate}"),
    "pack.targets": ("Chỉ tiêu của {plan}: kết quả năm {year}", "Targets of {plan}: {year} results"),
    "pack.targets_summary": ("{count} chỉ tiêu: {statuses}", "{count} targets: {statuses}"),
    "place.former": (" (cũ)", " (former)"),
    "export.png": ("PNG", "PNG"),
    "export.svg": ("SVG", "SVG"),
    "export.xlsx": ("Tải Excel", "Excel"),
    "export.no_browser": ("Tải ảnh biểu đồ cần Chromium hoặc Chrome trên máy chủ ({why}).",
                          "Chart image downloads need Chromium or Chrome on the server ({why})."),
    "export.notes": ("Ghi chú", "Notes"),
    # charts
    "chart.source": ("Nguồn: PAPI (CECODES, VFF-CRT, RTA, UNDP), điểm không trọng số.",
                     "Source: PAPI (CECODES, VFF-CRT, RTA, UNDP), unweighted scores."),
    "chart.points": ("Điểm", "Points"),
    "chart.unit_points": ("Đơn vị: điểm", "Unit: points"),
    "chart.unit_dimension": ("Đơn vị: điểm (thang 1–10)", "Unit: points (1–10 scale)"),
    "chart.unit_indicator": ("Đơn vị: theo thang của từng chỉ tiêu thành phần (tỷ lệ 0–1 hoặc điểm)",
                             "Unit: each indicator's own scale (proportion 0–1 or points)"),
    "chart.unit_group": ("Nhóm 1 (cao nhất) – 4 (thấp nhất)", "Group 1 (highest) – 4 (lowest)"),
    "chart.unit_rank": ("Thứ hạng (1 = cao nhất)", "Rank (1 = best)"),
    "chart.national_mean": ("Trung bình cả nước", "National mean"),
    "chart.position_axis": ("Vị trí giữa các tỉnh: 0 = tỉnh kém nhất, 100 = tỉnh tốt nhất",
                            "Standing among provinces: 0 = the worst province, 100 = the best"),
    "chart.unit_position": ("Mỗi chỉ tiêu thành phần theo thang riêng, quy về vị trí 0–100 giữa các tỉnh; màu đỏ: kém hơn trung bình cả nước",
                            "Each indicator on its own scale, placed 0–100 among provinces; red: worse than the national mean"),
    "indicator.lower_is_better": ("càng thấp càng tốt", "lower is better"),
    "better.higher": ("cao hơn là tốt", "higher is better"),
    "better.lower": ("thấp hơn là tốt", "lower is better"),
    "col.better": ("Chiều tốt", "Better"),
    "col.worse_than_national": ("Kém hơn TB cả nước", "Worse than national mean"),
    "common.yes": ("có", "yes"),
    "chart.region_mean": ("Trung bình vùng", "Regional mean"),
    "chart.best_province": ("Tỉnh cao nhất", "Best province"),
    "chart.break": ("thay đổi định nghĩa", "definition change"),
    "chart.breaks_note": ("Đường chấm đỏ: số liệu hai bên không so sánh trực tiếp được.",
                          "Red dotted lines: figures on either side are not directly comparable."),
    "chart.dimensions_title": ("{province} {year}: {count} chỉ số nội dung so với cả nước",
                               "{province} {year}: {count} dimensions against the nation"),
    "chart.trend_title": ("{province}: {component}, {first}–{last}", "{province}: {component}, {first}–{last}"),
    "chart.heatmap_title_group": ("{province}: nhóm điểm theo năm, {first}–{last}",
                                  "{province}: score group by year, {first}–{last}"),
    "chart.heatmap_title_rank": ("{province}: thứ hạng theo năm, {first}–{last}",
                                 "{province}: rank by year, {first}–{last}"),
    "chart.ranking_title": ("Xếp hạng các tỉnh: {component}, {year}", "Provinces ranked: {component}, {year}"),
    "chart.ranking_estimate_title": ("ƯỚC TÍNH theo {total} tỉnh mới: {component}, {year} ({with_data} có dữ liệu)",
                                     "ESTIMATE for the {total} new provinces: {component}, {year} ({with_data} with data)"),
    "chart.estimate": ("ước tính", "estimate"),
    "col.estimate": ("Ước tính", "Estimate"),
    "overview.estimate": ("{unit} được thành lập ngày 1/7/2025: số liệu năm {year} là ƯỚC TÍNH từ các tỉnh cũ ({members}), "
                          "không phải số liệu công bố.",
                          "{unit} was formed on 1 July 2025: the {year} figures are ESTIMATES from its former provinces "
                          "({members}), not published figures."),
    "overview.estimate_lacking": (" {lacking} không có số liệu năm {year}, nên ước tính thiếu tỉnh này.",
                                  " {lacking} has no {year} figures, so the estimate is without it."),
    "title.estimate": ("{year} (ước tính)", "{year} (estimate)"),
    "estimate.of_year": ("ước tính năm {year} từ các tỉnh cũ ({members})",
                         "the {year} estimate from the former provinces ({members})"),
    "estimate.lacking": (", thiếu số liệu {lacking}", ", lacking {lacking}"),
    "estimate.compared": ("Số liệu năm {year} của {province} là số liệu công bố; mọi so sánh với năm {prev_year} là "
                          "so với {estimate}.",
                          "The {year} figures of {province} are published; every comparison with {prev_year} is "
                          "against {estimate}."),
    "estimate.year": ("ước tính năm {year}", "the {year} estimate"),
    "estimate.lacking_short": (" (thiếu số liệu {lacking})", " (lacking {lacking})"),
    "chart.estimate_note": ("Ước tính, không phải số liệu công bố.", "An estimate, not a published figure."),
    "chart.indicators_title": ("{province} {year}: chỉ tiêu thành phần của {component} so với cả nước",
                               "{province} {year}: indicators of {component} against the nation"),
    # common table columns
    "col.code": ("Mã", "Code"),
    "col.component": ("Nội dung", "Component"),
    "col.score": ("Điểm", "Score"),
    "col.rank": ("Hạng", "Rank"),
    "col.n": ("Số tỉnh", "Of"),
    "col.group": ("Nhóm", "Group"),
    "col.change": ("Thay đổi", "Change"),
    "col.rank_change": ("Đổi hạng", "Rank change"),
    "col.reasons": ("Lý do", "Reasons"),
    "col.lead_agency": ("Cơ quan chủ trì", "Lead agency"),
    "col.supporting_agencies": ("Cơ quan phối hợp", "Supporting agencies"),
    "col.priority": ("Ưu tiên", "Priority"),
    "col.national_mean": ("TB cả nước", "National mean"),
    "col.national_median": ("Trung vị", "Median"),
    "col.national_max": ("Cao nhất", "Best"),
    "col.region_mean": ("TB vùng", "Regional mean"),
    "col.province": ("Tỉnh", "Province"),
    "col.region": ("Vùng", "Region"),
    "method.weighted": ("bình quân theo số người trả lời", "weighted by respondents"),
    "method.mean": ("trung bình cộng", "plain mean"),
    "col.unit_2025": ("Tỉnh mới (2025)", "2025 unit"),
    "col.label": ("Chỉ tiêu", "Indicator"),
    "col.gap_to_national": ("Chênh lệch với TB", "Gap to mean"),
    "col.agency": ("Cơ quan", "Agency"),
    "col.components": ("Số nội dung", "Components"),
    "col.flagged": ("Cần cải thiện", "Need attention"),
    "col.lowest_group": ("Nhóm thấp nhất", "Lowest group"),
    "col.cutoff_high": ("Ngưỡng nhóm cao nhất", "Highest group from"),
    "col.cutoff_mid": ("Ngưỡng nhóm trung bình cao", "High-average from"),
    "col.cutoff_low": ("Ngưỡng nhóm trung bình thấp", "Low-average from"),
    "col.next_group_cutoff": ("Ngưỡng nhóm trên", "Next group up from"),
    "col.points_to_next_group": ("Điểm cần thêm để lên nhóm trên", "Points to the next group up"),
    "col.borderline": ("Đúng bằng ngưỡng", "On a cut-off"),
    "col.group_basis": ("Cách xếp nhóm", "Grouping"),
    "group_basis.publishers": ("như nhóm công bố", "as published"),
    "group_basis.dashboard": ("bảng điều khiển tự xếp", "the dashboard's own"),
    "col.behind": ("Kém hơn các tỉnh khác", "Behind other provinces"),
    "col.declined": ("Giảm điểm", "Declined"),
    "col.codes": ("Các nội dung", "Components led"),
    "col.provinces_with_data": ("Tỉnh cũ có dữ liệu", "Former provinces with data"),
    "col.provinces_in_unit": ("Tỉnh cũ", "Former provinces"),
    "col.method": ("Cách gộp", "Method"),
    "col.trend_per_year": ("Xu hướng/năm", "Trend a year"),
    "col.years_not_improved": ("Kỳ không tăng", "Surveys not improved"),
    "col.comparability": ("Khả năng so sánh", "Comparability"),
    "col.sha256": ("Mã băm SHA-256", "SHA-256"),
    "col.warning": ("Cảnh báo", "Warning"),
    "col.verdict": ("Nhận định", "Verdict"),
    "group.1": ("cao nhất", "highest"),
    "group.2": ("trung bình cao", "high-average"),
    "group.3": ("trung bình thấp", "low-average"),
    "group.4": ("thấp nhất", "lowest"),
    "chart.unit_subdimension": ("Đơn vị: điểm (thang của từng nội dung thành phần)",
                                "Unit: points (each sub-dimension's own scale)"),
    # the plan's targets
    "page.plan": ("Kế hoạch", "Plan"),
    "plan.intro": ("Chỉ tiêu của kế hoạch nâng cao Chỉ số PAPI, đánh giá theo kết quả công bố của năm đang xem; hạng và nhóm "
                   "tính trong các tỉnh có số liệu.",
                   "The targets of the plan to raise the PAPI score, judged against the year's published results; ranks "
                   "and groups among the provinces with data."),
    "plan.none": ("Chưa có kế hoạch có chỉ tiêu cho {province}. Quản trị viên có thể nhập phụ lục chỉ tiêu, nhiệm vụ, "
                  "giải pháp ở cuối trang; báo cáo vẫn lập được theo bảng phân công đang áp dụng.",
                  "No plan with targets for {province} yet. An administrator can import its appendix of targets and "
                  "tasks at the foot of the page; the reports can still be drafted from the assignment in force."),
    "plan.choose": ("Kế hoạch", "Plan"),
    "plan.other_year": ("Chỉ tiêu đặt cho năm {plan_year}, đang so với kết quả năm {year}.",
                        "The targets were set for {plan_year}; they are being judged against {year}'s results."),
    "overview.plan": ("- **{plan}**: {met}/{total} chỉ tiêu đạt, {not_met} không đạt theo kết quả năm này.",
                      "- **{plan}**: {met} of {total} targets met, {not_met} not met on this year's results."),
    "overview.plan_pending": ("- **{plan}**: {total} chỉ tiêu, chưa có kết quả (đặt cho năm sau năm này).",
                              "- **{plan}**: {total} targets, no result yet (set for a later year than this one)."),
    "overview.plan_link": ("Xem từng chỉ tiêu và báo cáo năm", "See each target and the year's reports"),
    "plan.without_lead": ("Kế hoạch không giao cơ quan chủ trì cho {count} nội dung thành phần (kể cả qua chỉ số nội dung "
                          "của chúng): {codes}. Các trang hiển thị chúng không có cơ quan chủ trì khi kế hoạch này "
                          "được áp dụng.",
                          "The plan gives no lead agency to {count} sub-dimensions (nor to their dimensions): {codes}. "
                          "The pages show them without one while this plan is in force."),
    "plan.by_agency": ("Tiến độ theo cơ quan chủ trì", "Progress by lead agency"),
    "plan.chart_title": ("Chỉ tiêu theo cơ quan chủ trì: {plan}, kết quả năm {year}",
                         "Targets by lead agency: {plan}, {year} results"),
    "plan.chart_unit": ("Số chỉ tiêu", "Number of targets"),
    "plan.targets": ("Từng chỉ tiêu", "Each target"),
    "plan.filter_agency": ("Cơ quan chủ trì", "Lead agency"),
    "plan.all_agencies": ("Tất cả cơ quan", "All agencies"),
    "plan.actual_help": ("Kết quả: điểm (chỉ tiêu về điểm), thay đổi điểm, số bậc tăng (âm là giảm) hoặc nhóm; chỉ tiêu "
                         "không đọc được được giữ nguyên văn, không suy đoán.",
                         "Result: the score (score targets), the change, the places gained (negative: lost) or the "
                         "group; a target that cannot be read is kept as written, never guessed."),
    "plan.reports": ("Báo cáo năm (Word)", "The year's reports (Word)"),
    "plan.reports_help": ("Dự thảo theo thể thức Nghị định 30/2020/NĐ-CP: báo cáo tổng hợp của Sở Nội vụ gửi UBND tỉnh, "
                          "và báo cáo chuyên đề của từng cơ quan chủ trì, có phần để cơ quan tự viết.",
                          "Drafts in the form of Nghị định 30/2020/NĐ-CP: the Department of Home Affairs' consolidated "
                          "report to the People's Committee, and each lead agency's thematic report, with sections for "
                          "the agency to write."),
    "plan.edit": ("Nhập hoặc sửa kế hoạch có chỉ tiêu (quản trị viên)", "Import or edit a plan with targets (administrator)"),
    "plan.year": ("Năm của chỉ tiêu", "Year the targets are for"),
    "plan.import": ("Nhập phụ lục kế hoạch (Excel hoặc CSV)", "Import the plan's appendix (Excel or CSV)"),
    "plan.stale": ("Kế hoạch '{plan}' đã được lưu lại lúc {when} từ '{source}' ({rows} dòng) sau khi bạn mở nó: thay "
                   "đổi của bạn chưa được lưu. Hãy tải lại trang (F5) để xem kế hoạch đã lưu, rồi sửa lại.",
                   "The plan '{plan}' was saved again at {when} from '{source}' ({rows} rows) after you opened it: your "
                   "changes were not saved. Reload the page (F5) to see the stored plan, then make your changes again."),
    "plan.stale_deleted": ("Kế hoạch '{plan}' đã bị xóa sau khi bạn mở nó: thay đổi của bạn chưa được lưu. Hãy tải lại "
                           "trang (F5).", "The plan '{plan}' was deleted after you opened it: your changes were not "
                           "saved. Reload the page (F5)."),
    "plan.needs_name": ("Kế hoạch cần có tên, ví dụ 'Kế hoạch 123/KH-UBND'.", "The plan needs a name, e.g. 'Kế hoạch 123/KH-UBND'."),
    "plan.saved": ("Đã lưu kế hoạch '{plan}': {count} chỉ tiêu; {general} nhiệm vụ chung (không gắn với nội dung nào).",
                   "Saved plan '{plan}': {count} targets; {general} general tasks (naming no component)."),
    "plan.template": ("Tải mẫu phụ lục (Excel)", "Download the appendix template (Excel)"),
    "plan.number": ("Số văn bản", "Document number"),
    "plan.date": ("Ngày ban hành", "Date signed"),
    "plan.edit_help": ("Mỗi dòng: mã (1.1, D6) hoặc tên nội dung; dòng không nêu nội dung nào là nhiệm vụ chung, "
                       "không phải chỉ tiêu. Nhiều cơ quan phối hợp cách nhau bằng dấu chấm phẩy. Kế hoạch được lưu "
                       "nguyên vẹn: mọi dòng, chỉ tiêu, nhiệm vụ và thời gian như trong bảng.",
                       "Each row: a code (1.1, D6) or a component's name; a row naming no component is a general "
                       "task, not a target. Separate several supporting agencies with semicolons. The plan is saved "
                       "whole: every row, target, task and timeline as in the table."),
    "plan.preview": ("Sẽ lưu:", "To be saved:"),
    "plan.preview_counts": ("{rows} dòng; {count} chỉ tiêu ({understood} đọc được, {unread} chưa đọc được); "
                            "{general} nhiệm vụ chung.",
                            "{rows} rows; {count} targets ({understood} understood, {unread} not understood); "
                            "{general} general tasks."),
    "plan.preview_document": ("Văn bản: {document}.", "Document: {document}."),
    "plan.preview_skipped": ("Không đưa vào kế hoạch (phần của mẫu văn bản): {rows}.",
                             "Left out (part of the form, not of the plan): {rows}."),
    "plan.preview_row": ("dòng {row}: {what}", "row {row}: {what}"),
    "plan.general_task": ("nhiệm vụ chung", "general task"),
    "plan.preview_unread": ("Chỉ tiêu chưa đọc được (giữ nguyên văn, không đánh giá đạt/không đạt): {targets}. Có "
                            "thể viết lại, ví dụ \"Đạt từ 3,50 điểm trở lên\", \"Tăng ít nhất 01 bậc\".",
                            "Targets not understood (kept as written, never judged met or not): {targets}. They can "
                            "be rewritten, e.g. \"At least 3.5 points\", \"Rise at least 1 place\"."),
    "plan.manage": ("Đổi tên, sao chép sang năm sau hoặc xóa kế hoạch '{plan}'",
                    "Rename, copy to the next year or delete plan '{plan}'"),
    "plan.new_name": ("Tên mới", "New name"),
    "plan.rename": ("Đổi tên", "Rename"),
    "plan.renamed": ("Đã đổi tên kế hoạch thành '{plan}'.", "Plan renamed to '{plan}'."),
    "plan.copy_name": ("Tên bản sao", "Name of the copy"),
    "plan.copy_default": ("Dự thảo kế hoạch năm {year} (từ {plan})", "Draft plan {year} (from {plan})"),
    "plan.copy": ("Sao chép sang năm {year}", "Copy to {year}"),
    "plan.copied": ("Đã sao chép thành '{plan}' cho năm {year}: giữ chỉ tiêu, nhiệm vụ, cơ quan; thời gian lùi một "
                    "năm; kết quả năm trước để trống.",
                    "Copied to '{plan}' for {year}: targets, tasks and agencies kept; timelines moved on a year; last "
                    "year's results left blank."),
    "plan.delete_confirm": ("Tôi muốn xóa kế hoạch này (không hoàn tác được)", "I want to delete this plan (cannot be undone)"),
    "plan.delete": ("Xóa kế hoạch", "Delete plan"),
    "plan.deleted": ("Đã xóa kế hoạch '{plan}'.", "Plan '{plan}' deleted."),
    "plan.name_taken": ("Đã có kế hoạch tên '{plan}'; chọn kế hoạch đó để sửa, hoặc đặt tên khác.",
                        "A plan named '{plan}' is stored already; choose it to edit it, or give another name."),
    "plan.pending": ("Chỉ tiêu đặt cho năm {plan_year}; chưa có kết quả năm {plan_year}, nên mọi chỉ tiêu là \"chưa có "
                     "kết quả\" (không đánh giá theo kết quả năm {year}).",
                     "Targets set for {plan_year}; there are no {plan_year} results yet, so every target has \"no "
                     "result yet\" (never judged on the {year} results)."),
    "plan.no_targets": ("Kế hoạch '{plan}' chưa có chỉ tiêu (chỉ phân công cơ quan chủ trì). Quản trị viên có thể "
                        "nhập phụ lục chỉ tiêu ở cuối trang.",
                        "Plan '{plan}' has no targets (it only assigns lead agencies). An administrator can import "
                        "its appendix of targets at the bottom of the page."),
    "target.kind.score_at_least": ("điểm từ {value} trở lên", "a score of at least {value}"),
    "target.kind.rank_rise_at_least": ("tăng ít nhất {value} bậc", "rise at least {value} places"),
    "target.kind.rank_at_most": ("xếp hạng từ {value} trở lên", "rank {value} or better"),
    "target.kind.group_at_most": ("thuộc nhóm {value} trở lên (nhóm 1 cao nhất)", "group {value} or better (1 is highest)"),
    "target.kind.score_holds": ("không giảm điểm", "no fall in score"),
    "target.kind.score_rises": ("tăng điểm", "a higher score"),
    "plan.skipped.numbering": ("dòng đánh số cột", "the column-numbering row"),
    "plan.skipped.section": ("dòng tiêu đề mục", "a section heading"),
    "plan.skipped.notes": ("ghi chú", "a notes row"),
    "plan.skipped.footer": ("phần ký, nơi nhận (và mọi dòng dưới đó)", "the signature block (and every row below it)"),
    "plan.edit.code": ("Mã", "Code"),
    "plan.edit.previous": ("Kết quả năm trước", "Last year's result"),
    "plan.edit.label": ("Nội dung", "Component"),
    "plan.edit.target": ("Chỉ tiêu", "Target"),
    "plan.edit.tasks": ("Nhiệm vụ, giải pháp", "Tasks"),
    "plan.edit.lead": ("Cơ quan chủ trì", "Lead agency"),
    "plan.edit.supporting": ("Cơ quan phối hợp", "Supporting agencies"),
    "plan.edit.deadline": ("Thời gian", "Timeline"),
    "col.target": ("Chỉ tiêu", "Target"),
    "col.reading": ("Đọc là", "Read as"),
    "col.actual": ("Kết quả", "Result"),
    "col.target_status": ("Đánh giá", "Status"),
    "col.tasks": ("Nhiệm vụ, giải pháp", "Tasks"),
    "col.deadline": ("Thời gian", "Timeline"),
    "col.targets": ("Số chỉ tiêu", "Targets"),
    "col.met": ("Đạt", "Met"),
    "col.not_met": ("Không đạt", "Not met"),
    "col.no_data": ("Chưa có số liệu", "No data"),
    "col.not_understood": ("Chưa đọc được", "Not understood"),
    "target.met": ("Đạt", "Met"),
    "target.not_met": ("Không đạt", "Not met"),
    "target.pending": ("Chưa có kết quả", "No result yet"),
    "target.no_data": ("Chưa có số liệu", "No data"),
    "target.not_understood": ("Chưa đọc được chỉ tiêu", "Target not understood"),
    # the reports in Word (Nghị định 30/2020/NĐ-CP form)
    "doc.dimension": ("Chỉ số nội dung {k}: {name}", "Dimension {k}: {name}"),
    "report.agency_file": ("bao-cao-chuyen-de", "thematic-report"),
    "report.download_every_agency": ("Tải dự thảo báo cáo chuyên đề của mọi cơ quan (ZIP)",
                                     "Download every agency's thematic report draft (ZIP)"),
    "report.download": ("Tải báo cáo tổng hợp (Word)", "Download the consolidated report (Word)"),
    "report.download_agency": ("Tải báo cáo chuyên đề của cơ quan (Word)", "Download the agency's thematic report (Word)"),
    "report.draft_note": ("Dự thảo do Bảng điều khiển PAPI lập ngày {date}; số liệu cần được đơn vị kiểm tra trước khi ban hành.",
                          "Draft prepared by the PAPI dashboard on {date}; to be checked before it is issued."),
    "report.number": ("Số:        /BC-{code}", "No.:        /BC-{code}"),
    "report.signing": ("Số, ngày và người ký", "Number, date and signer"),
    "report.signing.number": ("Số báo cáo", "Report number"),
    "report.signing.date": ("Ngày ký", "Date signed"),
    "report.signing.title": ("Chức vụ người ký", "Signer's title"),
    "report.signing.title_help": ("Để trống: người đứng đầu cơ quan ký. Cấp phó ký thay: nhập \"PHÓ GIÁM ĐỐC\", báo cáo "
                                  "ghi \"KT. GIÁM ĐỐC\" bên trên.",
                                  "Blank: the head of the body signs. A deputy signing for the head: type \"DEPUTY "
                                  "DIRECTOR\"; the report writes \"FOR THE DIRECTOR\" above it."),
    "report.signing.signer": ("Họ và tên người ký", "Signer's full name"),
    "report.number_given": ("Số: {number}", "No.: {number}"),
    "report.nation": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
    "report.motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "report.place_date": ("{place}, ngày      tháng      năm {year}", "{place}, ..../..../{year}"),
    "report.place_date_given": ("{place}, ngày {day} tháng {month} năm {year}", "{place}, {day}/{month}/{year}"),
    "report.to": ("Kính gửi: {recipient}.", "To: {recipient}."),
    "report.recipients": ("Nơi nhận:", "Recipients:"),
    "report.signer_name": ("(Ký, ghi rõ họ tên, đóng dấu)", "(Signature, full name, seal)"),
    "report.name": ("BÁO CÁO", "REPORT"),
    "report.home_affairs": ("Sở Nội vụ", "Department of Home Affairs"),
    "report.committee": ("Ủy ban nhân dân {province}", "the People's Committee of {province}"),
    "report.home_affairs_of": ("Sở Nội vụ {province}", "the Department of Home Affairs of {province}"),
    "report.consolidated_subject": ("Kết quả Chỉ số PAPI năm {year} của {province} và việc thực hiện kế hoạch nâng cao chỉ số",
                                    "PAPI {year} results for {province} and progress on the plan to raise them"),
    "report.agency_subject": ("Chuyên đề: kết quả các nội dung Chỉ số PAPI năm {year} của {province} do {agency} chủ trì",
                              "Thematic report: the PAPI {year} components of {province} led by {agency}"),
    "report.consolidated_intro": ("{basis}trên cơ sở kết quả Chỉ số PAPI năm {year} do CECODES, VFF-CRT, RTA và UNDP "
                                  "công bố và báo cáo của các cơ quan chủ trì, Sở Nội vụ báo cáo kết quả của {province} "
                                  "như sau:",
                                  "{basis}from the PAPI {year} results published by CECODES, VFF-CRT, RTA and UNDP and "
                                  "the lead agencies' reports, the Department of Home Affairs reports on {province} as "
                                  "follows:"),
    "report.consolidated_intro_third_party": (
        "{basis}trên cơ sở kết quả Chỉ số PAPI năm {year} do CECODES, VFF-CRT, RTA và UNDP công bố, theo bản tổng hợp "
        "của bên thứ ba (điểm các chỉ số nội dung và điểm tổng hợp là tổng tính từ các nội dung thành phần), và báo cáo "
        "của các cơ quan chủ trì, Sở Nội vụ báo cáo kết quả của {province} như sau:",
        "{basis}from the PAPI {year} results published by CECODES, VFF-CRT, RTA and UNDP, as compiled by a third party "
        "(the dimension and total scores are sums of the sub-dimensions), and the lead agencies' reports, the "
        "Department of Home Affairs reports on {province} as follows:"),
    "report.agency_intro": ("{basis}{agency} báo cáo kết quả các nội dung Chỉ số PAPI năm {year} của {province} do "
                            "cơ quan chủ trì như sau:",
                            "{basis}{agency} reports on the PAPI {year} components of {province} that it leads, as "
                            "follows:"),
    "report.under_plan": ("Thực hiện {plan} của Ủy ban nhân dân {issuer}, ", "Under {plan} of the People's Committee of {issuer}, "),
    "report.agency_took_over": (" (gồm các nội dung giao {agencies}, nay do cơ quan đảm nhận)",
                                " (including those assigned to {agencies}, now its responsibility)"),
    "report.no_lead_agencies": ("Kế hoạch chưa giao cơ quan chủ trì cho nội dung nào.",
                                "The plan assigns no lead agency to any component."),
    "report.overall": ("Kết quả chung", "Overall result"),
    "report.agency_results": ("Kết quả các nội dung do cơ quan chủ trì", "The components the agency leads"),
    "report.total": ("Năm {year}, Chỉ số PAPI tổng hợp của {province} đạt ", "In {year}, {province}'s total PAPI score was "),
    "report.component_standing": ("{name} đạt {standing}.", "{name} scored {standing}."),
    "report.standing": ("{score} điểm, xếp thứ {rank}, thuộc nhóm {group}", "{score} points, ranked {rank}, in the {group} group"),
    "report.change": ("; so với năm {prev_year}: {change} điểm, {places}", "; against {prev_year}: {change} points, {places}"),
    "report.change_against": ("; so với {estimate}: {change} điểm, {places}", "; against {estimate}: {change} points, {places}"),
    "report.the_plan": ("kế hoạch", "the plan"),
    "report.rank_up": ("tăng {k} bậc", "up {k} places"),
    "report.rank_down": ("giảm {k} bậc", "down {k} places"),
    "report.rank_same": ("giữ nguyên thứ hạng", "the same rank"),
    "report.no_score": ("không có số liệu", "no data"),
    "report.dimensions": ("Kết quả {count} chỉ số nội dung", "The {count} dimensions"),
    "report.group_line": ("Nhóm {group} ({name}): ", "Group {group} ({name}): "),
    "report.none": ("không có", "none"),
    "report.no_group": ("Không có số liệu để xếp nhóm: ", "No data to place in a group: "),
    "report.col.median": ("Trung vị cả nước", "National median"),
    "report.col.best": ("Cao nhất cả nước", "National best"),
    "report.chart_dimensions": ("Biểu đồ: các chỉ số nội dung của {province} năm {year} so với trung bình cả nước và tỉnh cao nhất",
                                "Chart: {province}'s dimensions in {year} against the national mean and the best province"),
    "report.chart_total": ("Biểu đồ: Chỉ số PAPI tổng hợp của {province}, {first}–{year}, so với trung bình cả nước",
                           "Chart: {province}'s total PAPI score, {first}–{year}, against the national mean"),
    "report.chart_agency": ("Biểu đồ: các nội dung do cơ quan chủ trì, {province} năm {year}, so với cả nước",
                            "Chart: the components the agency leads, {province} {year}, against the nation"),
    "report.attention": ("Những nội dung cần tập trung cải thiện", "Components that need attention"),
    "report.attention_intro": ("Có {count} nội dung kém hơn các tỉnh khác, giảm điểm hoặc không cải thiện:",
                               "{count} components are behind other provinces, falling or not improving:"),
    "report.low_only": ("Ngoài ra, {count} nội dung chỉ thấp so với thang điểm (hầu hết các tỉnh cũng thấp): {codes}.",
                        "Also, {count} components are only low on the scale (most provinces are too): {codes}."),
    "report.targets": ("Kết quả thực hiện chỉ tiêu", "Targets and whether they were met"),
    "report.targets_summary": ("{plan} có {count} chỉ tiêu: đạt {met}, không đạt {not_met}, chưa có kết quả {pending}, "
                               "chưa có số liệu {no_data}, chưa đọc được {not_understood}.",
                               "{plan} has {count} targets: {met} met, {not_met} not met, {pending} without a result "
                               "yet, {no_data} without data, {not_understood} not understood."),
    "report.no_targets": ("Kế hoạch đang áp dụng chưa giao chỉ tiêu cụ thể cho năm {year}.",
                          "The plan in force sets no targets for {year}."),
    "report.no_agency_targets": ("Kế hoạch không giao chỉ tiêu cho cơ quan.", "The plan sets the agency no targets."),
    "report.places_actual": ("{k} bậc (hạng {prev} → {rank})", "{k} places (rank {prev} → {rank})"),
    "report.group_actual": ("nhóm {group} ({name}), hạng {rank}", "group {group} ({name}), rank {rank}"),
    "target.to_group.1": ("; còn {points} điểm nữa để vào nhóm cao nhất", "; {points} points more to reach the highest group"),
    "target.to_group.2": ("; còn {points} điểm nữa để vào nhóm trung bình cao",
                          "; {points} points more to reach the high-average group"),
    "target.to_group.3": ("; còn {points} điểm nữa để thoát nhóm thấp nhất", "; {points} points more to leave the lowest group"),
    "report.by_agency": ("Tổng hợp theo cơ quan chủ trì", "By lead agency"),
    "report.col.leads": ("Nội dung chủ trì", "Components led"),
    "report.needs_attention": (" (cần cải thiện)", " (needs attention)"),
    "report.dashboard_note": ("(**) Nhóm của nội dung thành phần do bảng điều khiển tự xếp theo tứ phân vị điểm, như nhóm "
                              "công bố cho điểm tổng hợp và các chỉ số nội dung; nhà công bố không xếp nhóm các nội "
                              "dung này.",
                              "(**) Sub-dimension groups are the dashboard's own, score quartiles as published for the "
                              "total and the dimensions; the publishers group none of these."),
    "report.untested_note": ("(*) Nguồn số liệu không công bố sai số, nên mức giảm điểm chưa được kiểm định thống kê.",
                             "(*) The source publishes no margin of error, so the fall could not be tested statistically."),
    "report.col.targets": ("Chỉ tiêu", "Targets"),
    "report.targets_count": ("{count} chỉ tiêu: đạt {met}, không đạt {not_met}", "{count} targets: {met} met, {not_met} not met"),
    "report.assessment": ("Đánh giá chung và đề xuất", "Assessment and proposals"),
    "report.fill.results": ("Kết quả thực hiện kế hoạch", "What was done under the plan"),
    "report.fill.results_hint": ("(Tổng hợp từ báo cáo chuyên đề của các cơ quan chủ trì.)",
                                 "(From the lead agencies' thematic reports.)"),
    "report.fill.task_results": ("Kết quả thực hiện nhiệm vụ, giải pháp", "Results of the tasks"),
    "report.fill.task_results_hint": ("(Cơ quan nêu việc đã làm cho từng nhiệm vụ ở mục IV và kết quả đạt được.)",
                                      "(What the agency did for each task in section IV, and what came of it.)"),
    "report.fill.causes": ("Nguyên nhân của hạn chế", "Causes of the shortfalls"),
    "report.fill.causes_hint": ("(Nguyên nhân khách quan, chủ quan của các chỉ tiêu không đạt và nội dung giảm điểm.)",
                                "(Why the targets not met were missed and why components fell.)"),
    "report.fill.next": ("Nhiệm vụ, giải pháp năm tới", "Tasks for the coming year"),
    "report.fill.next_hint": ("(Các nội dung ưu tiên và cơ quan chủ trì cho năm tới.)",
                              "(The priorities and their lead agencies for the coming year.)"),
    "report.fill.proposals": ("Đề xuất, kiến nghị", "Proposals"),
    "report.fill.proposals_hint": ("(Đề xuất với Ủy ban nhân dân tỉnh.)", "(Proposals to the People's Committee.)"),
    "report.fill.agency_proposals_hint": ("(Đề xuất với Sở Nội vụ và Ủy ban nhân dân tỉnh.)",
                                          "(Proposals to the Department of Home Affairs and the People's Committee.)"),
    "report.weak_indicators": ("Các chỉ tiêu thành phần kém hơn trung bình cả nước",
                               "Indicators worse than the national mean"),
    "report.indicator": ("– {code} {label}: {score} (trung bình cả nước {mean}; hạng {rank}).",
                         "– {code} {label}: {score} (national mean {mean}; rank {rank})."),
    "report.no_indicators": ("Nguồn số liệu năm {year} không có chỉ tiêu thành phần (chỉ có điểm nội dung thành phần).",
                             "The {year} source has no indicators (only sub-dimension scores)."),
    "report.no_weak_indicators": ("Không có chỉ tiêu thành phần nào kém hơn trung bình cả nước.",
                                  "No indicator is worse than the national mean."),
    "report.tasks": ("Nhiệm vụ, giải pháp theo kế hoạch", "The plan's tasks"),
    "report.no_tasks": ("Kế hoạch không ghi nhiệm vụ cụ thể cho cơ quan.", "The plan lists no tasks for the agency."),
    "report.no_agency": ("'{agency}' không chủ trì nội dung nào trong kế hoạch; các cơ quan chủ trì: {agencies}",
                         "'{agency}' leads nothing in the plan; lead agencies: {agencies}"),
    "report.sources_intro": ("Ghi chú về số liệu:", "About the figures:"),
    "report.to_committee": ("- UBND tỉnh (để báo cáo);", "- The People's Committee (to report);"),
    "report.to_agencies": ("- Các cơ quan chủ trì;", "- The lead agencies;"),
    "report.to_home_affairs": ("- Sở Nội vụ (để tổng hợp);", "- Department of Home Affairs (to consolidate);"),
    "report.archive": ("- Lưu: VT.", "- File: archive."),
    "head.director": ("GIÁM ĐỐC", "DIRECTOR"),
    "head.inspectorate": ("CHÁNH THANH TRA", "CHIEF INSPECTOR"),
    "head.office": ("CHÁNH VĂN PHÒNG", "CHIEF OF OFFICE"),
    "head.board": ("TRƯỞNG BAN", "HEAD"),
    "head.command": ("CHỈ HUY TRƯỞNG", "COMMANDER"),
    "head.committee": ("CHỦ TỊCH", "CHAIRPERSON"),
    "head.other": ("THỦ TRƯỞNG CƠ QUAN", "HEAD OF AGENCY"),
    "head.on_behalf": ("KT. {head}", "FOR THE {head}"),
}


def text(key: str, lang: str) -> str:
    vi, en = CATALOGUE[key]
    return en if lang == "en" else vi


def counted(key: str, count: int, lang: str) -> str:
    """The entry for a count: `key.one` where English needs the singular, else `key`."""
    return text(f"{key}.one" if count == 1 and f"{key}.one" in CATALOGUE else key, lang)


def number(value: float | None, lang: str, decimals: int = 2) -> str:
    """5,43 in Vietnamese, 5.43 in English; a dash for no data."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if round(value, decimals) == 0:
        value = 0.0  # a tiny negative prints "-0,00": zero has no sign
    formatted = f"{value:,.{decimals}f}"
    if lang == "vi":
        formatted = formatted.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return formatted


def comparability_text(notes, lang: str) -> str:
    """Comparability notes in the reader's words: `ComparabilityNote`s, or a scorecard cell of their tokens
    ('total_6_vs_8_dimensions;definition_changed:2021'); "" where the years compare."""
    if isinstance(notes, str):
        notes = [ComparabilityNote.parse(token) for token in notes.split(";") if token]
    return "; ".join(text(f"comparability.{note.kind}", lang).format(years=", ".join(map(str, note.years)))
                     for note in notes)


def figure_text(value: float | None, lang: str, percent: bool = False, decimals: int = 2) -> str:
    """A figure as a person reads it: a share of a '%' indicator (stored as a 0–1 fraction) as a percentage,
    'đủ sạch để uống (%): 3,6', never 0,036; anything else as `number`."""
    if percent and not _blank(value):
        return number(100 * value, lang, 1)
    return number(value, lang, decimals)


def signed(value: float | None, lang: str, decimals: int = 2) -> str:
    """A change: +0,16, −0,35 (a true minus sign), 0,00 for what rounds to zero; a dash for no data."""
    formatted = number(value, lang, decimals)
    if formatted in ("–", number(0.0, lang, decimals)):
        return formatted
    return "+" + formatted if value > 0 else "−" + formatted.lstrip("-")


def third_party_note(years, third_party: list[int], lang: str, key: str = "note.third_party") -> str:
    """The provenance sentence for the third-party years among `years`, or "" when there are none."""
    shown = [year for year in third_party if year in set(years)]
    return text(key, lang).format(years=", ".join(map(str, shown))) if shown else ""


def finding_text(finding, lang: str) -> str:
    """A `Finding` (or its stored JSON) as a sentence in the reader's language."""
    from .ingest.findings import Finding  # the ingest package imports this module's neighbours, not this one
    from .units import entity
    if isinstance(finding, str):
        finding = Finding.from_json(finding)
    params = dict(finding.params)
    if "examples" in params:
        shown = ", ".join(f"{cell} ({entity(code).name(lang)}) = {number(value, lang, 4)}"
                          for cell, code, value in params["examples"])
        more = int(params.get("count", 0)) - len(params["examples"])
        params["examples"] = shown + (f" (+{more})" if more > 0 else "")
    if "provinces" in params:
        params["provinces"] = ", ".join(entity(c).name(lang) for c in params["provinces"])
    for key in ("gap", "tolerance"):
        if key in params:
            params[key] = number(params[key], lang, 3)
    if params.get("last") is None and "last" in params:
        params["last"] = "nay" if lang == "vi" else "today"
    if "where_kind" in params:
        params["where_kind"] = text(f"finding.where.{params['where_kind']}", lang)
    if "source_kind" in params:
        params["source_kind_text"] = text(f"finding.year_source.{params['source_kind']}", lang)
    if "holds" in params:
        params["holds"] = text(f"finding.holds.{params['holds']}", lang)
    return text(f"finding.{finding.code}", lang).format(**params)



def refusal_text(error, lang: str) -> str:
    """An `IngestError` as a sentence in the reader's language: where (file, sheet, cell), what, and what to do
    next. A code without a catalogue entry is a sentence written before refusals were typed, shown as given."""
    where = text("refusal.where.file", lang).format(file=error.file)
    if error.sheet is not None:
        where += text("refusal.where.sheet", lang).format(sheet=error.sheet)
    if error.cell is not None:
        where += text("refusal.where.cell", lang).format(cell=error.cell)
    key = f"refusal.{error.code}"
    if key not in CATALOGUE:
        return f"{where}: {error.code}."
    params = dict(error.params)
    if params.get("where") in ("row", "column"):
        params["where"] = text(f"finding.where.{params['where']}", lang)
    if "examples" in params:  # [[year, cell, province code, code, stored, new], ...]
        from .units import entity
        params["examples"] = "; ".join(
            f"{year} {code} {entity(province).name(lang)} ({cell}): {number(old, lang, 4)} → {number(new, lang, 4)}"
            for year, cell, province, code, old, new in params["examples"])
    sentence = f"{where}: {text(key, lang).format(**params)}."
    return f"{sentence} {text(key + '.next', lang)}" if key + ".next" in CATALOGUE else sentence


def _blank(value) -> bool:
    """None, NaN or pandas' NA, recognised without importing pandas (which the ingest does without)."""
    return value is None or (isinstance(value, float) and math.isnan(value)) or repr(value) == "<NA>"


def rank_text(rank, last, n) -> str:
    """'48/61', or '37–61/61' where provinces tie."""
    if _blank(rank):
        return "–"
    return f"{rank}/{n}" if _blank(last) or last == rank else f"{rank}–{last}/{n}"
