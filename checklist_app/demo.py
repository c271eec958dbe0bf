"""The demo workspace: the five shipped documents, curated mappings and a realistic assessment.

A Chongqing municipal bureau checks itself against the Chongqing opinion, with the Liaoning
opinion as a 对标 benchmark (Chongqing is itself provincial-level, so no other province's
document applies) and the national outline. The README's run command opens this workspace.
"""

from __future__ import annotations

import csv
import struct
import tempfile
import zlib
from pathlib import Path

from checklist_app.core import Document, ItemStatus
from checklist_app.storage.workspace import Workspace
from checklist_app.workspaces import create_workspace

DEMO_FILE = "demo.sqlite"
REPORT_FILE = "report.pdf"
OFFICE = "重庆市市场监督管理局"
DEPARTMENT = "市市场监管局"
USER = "张晓明"

NARRATIVE = {
    1: (
        "按照市政府办公厅关于贯彻落实《国家标准化发展纲要》的部署，我局成立了由分管副局长任组长的"
        "自查工作小组，对照《重庆市人民政府办公厅关于贯彻落实国家标准化发展纲要的实施意见》逐项梳理"
        "任务分工，形成本报告。（演示：重庆市为直辖市，本工作区以辽宁省实施意见作为省级对照文件的示例。）"
    ),
    2: (
        "一是标准供给结构持续优化，全年发布地方标准41项；二是标准化试点示范扎实推进，新建市级试点"
        "示范项目12个、累计达31个；三是成渝地区双城经济圈标准化协同取得实效，联合发布川渝地方标准8项。"
    ),
    3: (
        "部分任务推进不平衡，标准化服务业发展相对滞后；标准实施效果评估机制尚不健全；"
        "基层标准化专业人才仍然不足。"
    ),
    4: (
        "下一步，我局将围绕未完成任务细化措施、压实责任，加快标准化服务业发展，"
        "健全标准实施评估机制，加强标准化人才培养，确保各项目标任务按期完成。"
    ),
}

# Sample results by task label of the Chongqing document (二、主要任务 1.–22., 三、(一)(二)).
SAMPLE_STATES: dict[str, tuple[ItemStatus, str]] = {
    "1.": (ItemStatus.DONE, "已将标准纳入市科学技术奖励评奖范围。"),
    "2.": (ItemStatus.LARGELY_DONE, "科技成果转化为标准评价机制已形成征求意见稿。"),
    "3.": (ItemStatus.IN_PROGRESS, "重点产业链标准体系建设推进中。"),
    "4.": (ItemStatus.IN_PROGRESS, ""),
    "5.": (ItemStatus.DONE, "碳达峰碳中和地方标准体系已发布。"),
    "6.": (ItemStatus.ONGOING, "生态环境标准每年复审。"),
    "7.": (ItemStatus.NOT_STARTED, "待市经济信息委牵头启动。"),
    "8.": (ItemStatus.DONE, ""),
    "9.": (ItemStatus.LARGELY_DONE, "政务服务标准化试点已验收2个。"),
    "10.": (ItemStatus.IN_PROGRESS, ""),
    "11.": (ItemStatus.DONE, "联合发布川渝地方标准8项。"),
    "12.": (ItemStatus.NOT_APPLICABLE, "本局不承担长江经济带生态文明标准化合作具体任务。"),
    "13.": (ItemStatus.IN_PROGRESS, ""),
    "14.": (ItemStatus.ONGOING, ""),
    "15.": (ItemStatus.NOT_STARTED, ""),
    "16.": (ItemStatus.DONE, "地方标准立项评估机制已建立。"),
    "17.": (ItemStatus.LARGELY_DONE, ""),
    "18.": (ItemStatus.DONE, "完成地方标准实施情况抽查。"),
    "19.": (ItemStatus.IN_PROGRESS, ""),
    "20.": (ItemStatus.NOT_STARTED, "标准化服务业统计口径尚待明确。"),
    "21.": (ItemStatus.IN_PROGRESS, ""),
    "22.": (ItemStatus.ONGOING, "世界标准日宣传活动已开展。"),
}


def ensure_demo_workspace(folder: Path) -> Path:
    """The demo workspace in ``folder``, built on first use."""
    path = Path(folder) / DEMO_FILE
    if not path.exists():
        build_demo(folder, with_report=False)
    return path


def build_demo(folder: Path, *, with_report: bool = True) -> Path:
    """Create ``folder/demo.sqlite`` (and ``folder/report.pdf``); returns the workspace path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / DEMO_FILE
    partial = folder / f".{DEMO_FILE}.building"
    partial.unlink(missing_ok=True)
    workspace = create_workspace(partial, user=USER)
    try:
        assessment_id = _fill(workspace)
        if with_report:
            from checklist_app.report.builder import build_report  # slow; only when asked

            snapshot = workspace.snapshot(assessment_id)
            for _step in build_report(snapshot, folder / REPORT_FILE):
                pass
    finally:
        workspace.close()
    partial.replace(path)
    return path


def _fill(workspace: Workspace) -> int:
    assessment = workspace.new_assessment(
        checklist_doc_id="chongqing-2022",
        provincial_doc_id="liaoning-2022",
        national_doc_id="national-2021",
        office=OFFICE,
        department=DEPARTMENT,
        period="2024年度",
        preparer=USER,
        reviewer="李建国",
        addressee="重庆市人民政府办公厅",
    )
    for section, text in NARRATIVE.items():
        workspace.set_narrative(assessment.id, section, text)
    checklist = workspace.document("chongqing-2022")
    workspace.set_items(assessment.id, _sample_changes(checklist))
    _attach_samples(workspace, assessment.id, checklist)
    return assessment.id


def _sample_changes(checklist: Document) -> list[tuple[str, dict]]:
    changes: list[tuple[str, dict]] = []
    for node in checklist.checkable_nodes():
        if node.id.startswith("chongqing-2022/二/") and node.label in SAMPLE_STATES:
            status, note = SAMPLE_STATES[node.label]
            fields: dict = {"status": status, "note": note, "responsible_department": DEPARTMENT}
            if status is ItemStatus.NOT_APPLICABLE:
                fields["justification"] = note
            if status in (ItemStatus.DONE, ItemStatus.ONGOING) and node.actions:
                fields["ticked_actions"] = frozenset(range(len(node.actions)))
            if status is ItemStatus.IN_PROGRESS:
                fields["due_date"] = "2025-06-30"
            changes.append((node.id, fields))
    changes.append(
        (
            "chongqing-2022/plan/20",  # 市市场监管局's own quota row
            {"status": ItemStatus.IN_PROGRESS, "actual_values": (14, 12),
             "due_date": "2025-12-31",
             "note": "已支持制定(修订)国家和行业标准14项，制定(修订)地方标准12项。"},
        )
    )
    changes.append(
        # one actual value per target, in the order the clause names them; the last
        # (全国标准创新贡献奖) has no figure yet
        ("chongqing-2022/一/(二)", {"status": ItemStatus.IN_PROGRESS,
                                   "actual_values": (52, 20, 6, 230, 41, 6800, 120, 31, 7),
                                   "note": "科技计划项目形成标准研究成果的比率为52%;"
                                           "地方标准平均制定周期20个月，仍需缩短；"
                                           "新发布地方标准41项，目标500项。"})
    )
    return changes


SAMPLE_DESCRIPTIONS = {  # as a clerk notes what a file shows, when its name does not say
    "科学技术奖励评奖办法(修订).pdf": "第十二条增设标准创新贡献奖",
    "地方标准实施情况抽查记录.txt": "2024年抽查地方标准20项，需修订2项",
}


def _attach_samples(workspace: Workspace, assessment_id: int, checklist: Document) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        samples = {
            "chongqing-2022/二/(一)/1": [_write_pdf(folder / "科学技术奖励评奖办法(修订).pdf")],
            "chongqing-2022/二/(三)/5": [_write_png(folder / "碳达峰标准发布会现场.png")],
            "chongqing-2022/二/(五)/11": [_write_csv(folder / "川渝地方标准清单.csv")],
            "chongqing-2022/二/(七)/18": [
                _write_text(folder / "地方标准实施情况抽查记录.txt"),
                folder / "川渝地方标准清单.csv",
            ],
        }
        for node_id, files in samples.items():
            for file in files:
                workspace.attach(assessment_id, node_id, file,
                                 description=SAMPLE_DESCRIPTIONS.get(file.name, ""))


def _write_text(path: Path) -> Path:
    path.write_text(
        "2024年地方标准实施情况抽查记录\n抽查地方标准20项，实施良好18项，需修订2项。\n",
        encoding="utf-8",
    )
    return path


def _write_csv(path: Path) -> Path:
    rows = [("序号", "标准编号", "标准名称", "发布日期")]
    rows += [(str(i), f"DB50/T {1400 + i}-2024", f"川渝协同地方标准示例{i}", "2024-06-01")
             for i in range(1, 9)]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _write_pdf(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle("Award rules (sample evidence)")
    pdf.drawString(72, 760, "Chongqing science and technology award rules - sample evidence")
    pdf.save()
    return path


def _write_png(path: Path, width: int = 64, height: int = 40) -> Path:
    """A small gradient image, written with zlib so the demo needs no imaging library."""
    rows = b"".join(
        b"\x00" + b"".join(bytes((x * 4 % 256, y * 6 % 256, 160)) for x in range(width))
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
    path.write_bytes(png + chunk(b"IEND", b""))
    return path
