"""Benchmark of the desktop app: start-up, filtering 10,000 items, memory.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_ui.py [--runs 5] [--json FILE]

1. Start to a usable main window with the demo workspace, against a bare PySide6 window
   started the same way (a fresh ``python -c`` process each, timed from spawn until the window
   is shown with its checklist tree, item table and item pane filled, the event loop has run
   once and the window has been painted with that data: both windows repaint synchronously
   before reporting, since Qt may paint later than the first turn of the loop); the ratio of
   the medians is the figure (target: under 2). ``app_items_shown_s`` is when the data is in
   the panes, before that paint; ``app_mapped_filled_s`` is when the provincial/national
   clause columns, worked out on a background thread after the paint, replace their "…"
   placeholder. The demo workspace is built once beforehand, as on any start after the
   first, and that first start also leaves the bytecode cache an installed copy has.
2. Filter/search over 10,000 items: the real item model, filter proxy and table view, typing a
   query one character at a time; time per keystroke (filter + view layout), median and worst.
   Also clearing the search, the status filter and sorting by status.
   For scale, ``shape_start_s`` times a window of the app's shape with no app code (a tree,
   a 600-row table of Chinese text, a pane of 30 fields, tabs, toolbar and menus, plain
   QStandardItemModels): what PySide6 itself costs for such a window, against the same bare
   window (``shape_ratio``).
3. Memory: resident size of each start-up process once usable (app with the demo open vs the
   bare window).
4. What no app code can avoid: PySide6 builds each Qt enum as a Python ``enum`` class the
   first time its class is touched (``Qt`` alone: 93 enums, Qt.Key with ~480 members).
   One extra, untimed start of each window counts them (``*_qt_enums``) and the time Python
   spent building them (``*_qt_enum_s``); the app's share is the floor under its ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Both plain windows end alike: shown, then painted and timed once the event loop runs.
READY = """
window.show()
def ready():
    import time
    window.repaint()
    print("READY", time.time(), "RSS", rss(), flush=True)
    app.quit()
{rss}
QTimer.singleShot(0, ready)
app.exec()
"""

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1440, 860)
""" + READY

APP = """
import sys
from PySide6.QtCore import QTimer
from checklist_app.app import main
def on_ready(desktop):
    import time
    print("SHOWN", time.time(), flush=True)
    waiting = {"ready", "mapped"}
    def done(what):
        waiting.discard(what)
        if not waiting:
            desktop.window.close()
            from PySide6.QtWidgets import QApplication
            QApplication.instance().quit()
    def ready():
        import time
        desktop.window.repaint()
        print("READY", time.time(), "RSS", rss(), "ROWS", desktop.window.proxy.rowCount(),
              flush=True)
        done("ready")
    def mapped():
        import time
        print("MAPPED", time.time(), flush=True)
        done("mapped")
    model = desktop.window.item_model
    if model.mapped_ready:
        mapped()
    else:
        model.mappedFilled.connect(mapped)
    QTimer.singleShot(0, ready)
{rss}
sys.exit(main(["--demo"], on_ready=on_ready))
"""

SHAPE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QLabel, QLineEdit,
                               QListView, QMainWindow, QPlainTextEdit, QScrollArea, QSplitter,
                               QTabWidget, QTableView, QTreeView, QWidget)
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1440, 860)
tree, table, pane, fields = QTreeView(), QTableView(), QScrollArea(), QWidget()
form = QFormLayout(fields)
for index in range(30):
    form.addRow(QLabel(f"字段{index}"), QComboBox() if index % 3 == 0 else QLineEdit())
tabs = QTabWidget()
tabs.addTab(QListView(), "佐证材料")
tabs.addTab(QListView(), "对照关系")
form.addRow(QPlainTextEdit())
form.addRow(tabs)
pane.setWidget(fields)
pane.setWidgetResizable(True)
splitter = QSplitter()
for part in (tree, table, pane):
    splitter.addWidget(part)
window.setCentralWidget(splitter)
toolbar = window.addToolBar("工具栏")
for index in range(8):
    toolbar.addAction(QAction(f"操作{index}", window, shortcut=QKeySequence(f"Ctrl+{index}")))
for title in ("工作区", "编辑", "自查自评", "对照关系", "帮助"):
    window.menuBar().addMenu(title)
sections = QStandardItemModel()
for index in range(40):
    sections.appendRow([QStandardItem(f"（{index}）推动标准化发展"), QStandardItem("3/5")])
tree.setModel(sections)
items = QStandardItemModel()
for index in range(600):
    items.appendRow([QStandardItem(text) for text in (
        f"{index}.", "完善标准化工作机制，推动标准化与科技创新互动发展", "进行中",
        "市市场监管局", "2025-06-30", "2", "省 3.1", "国 2.1")])
table.setModel(items)
window.statusBar().showMessage("就绪")
""" + READY

# Prepended to a child's code: counts the Qt enum classes built and the time spent on them.
COUNT_ENUMS = """
import atexit, enum, time
_built = [0, 0.0]
_create = enum.EnumType._create_
def _counted(*args, **kwargs):
    begin = time.perf_counter()
    try:
        return _create(*args, **kwargs)
    finally:
        _built[0] += 1
        _built[1] += time.perf_counter() - begin
enum.EnumType._create_ = _counted
atexit.register(lambda: print("ENUMS", _built[0], _built[1], flush=True))
"""

RSS = '''
def rss():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
'''


def _run(code: str, env: dict[str, str]) -> tuple[float, int, dict[str, float]]:
    """Seconds from spawning the process to its window being usable, and its memory.

    The child prints the wall-clock time when ready; quitting and interpreter teardown (the
    app closes the workspace, the bare window has nothing to close) are not counted. Also
    the seconds to the other marks the child printed (SHOWN, MAPPED).
    """
    start = time.time()
    done = subprocess.run([sys.executable, "-c", code.replace("{rss}", RSS)], env=env,
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    if done.returncode != 0 or "READY" not in done.stdout:
        raise RuntimeError(done.stderr[-2000:])
    fields = done.stdout.split()
    marks = {mark: float(fields[fields.index(mark) + 1]) - start
             for mark in ("SHOWN", "READY", "MAPPED") if mark in fields}
    return marks["READY"], int(fields[fields.index("RSS") + 1]), marks


def qt_enums(code: str, env: dict[str, str]) -> tuple[int, float]:
    """Qt enum classes one start of ``code`` built, and the seconds that took."""
    done = subprocess.run([sys.executable, "-c", COUNT_ENUMS + code.replace("{rss}", RSS)],
                          env=env, capture_output=True, text=True, cwd=ROOT, timeout=120)
    fields = done.stdout.split()
    if done.returncode != 0 or "ENUMS" not in fields:
        raise RuntimeError(done.stderr[-2000:])
    at = fields.index("ENUMS")
    return int(fields[at + 1]), float(fields[at + 2])


def startup(runs: int) -> dict[str, float]:
    data = tempfile.mkdtemp(prefix="bench-ui-")
    env = {**os.environ, "CHECKLIST_APP_DATA_DIR": data, "PYTHONPATH": str(ROOT)}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # An installed copy has its bytecode compiled (pip and PyInstaller do it), and a source
    # tree has it from its first start: let the untimed first start below write it, or every
    # timed start would recompile the app's modules (~60 ms) and none of the bare window's.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    _run(APP, env)  # builds the demo workspace once (first start), not timed
    bare, app, shown, mapped, bare_rss, app_rss, shape = [], [], [], [], [], [], []
    for _ in range(runs):
        seconds, rss, _marks = _run(BARE, env)
        bare.append(seconds)
        bare_rss.append(rss)
        shape.append(_run(SHAPE, env)[0])
        seconds, rss, marks = _run(APP, env)
        app.append(seconds)
        shown.append(marks["SHOWN"])
        mapped.append(marks["MAPPED"])
        app_rss.append(rss)
    bare_enums, bare_enum_s = qt_enums(BARE, env)
    app_enums, app_enum_s = qt_enums(APP, env)
    return {
        "bare_start_s": statistics.median(bare),
        "app_items_shown_s": statistics.median(shown),  # data in the panes, not yet painted
        "app_start_s": statistics.median(app),  # usable: painted, event loop run once
        "start_ratio": statistics.median(app) / statistics.median(bare),
        "app_mapped_filled_s": statistics.median(mapped),  # mapped-clause columns filled
        "shape_start_s": statistics.median(shape),  # the app's kinds of widgets, no app code
        "shape_ratio": statistics.median(shape) / statistics.median(bare),
        "bare_rss_mb": statistics.median(bare_rss) / 2**20,
        "app_rss_mb": statistics.median(app_rss) / 2**20,
        "bare_qt_enums": bare_enums,
        "bare_qt_enum_s": bare_enum_s,
        "app_qt_enums": app_enums,  # built by PySide6 on first touch of their classes
        "app_qt_enum_s": app_enum_s,
    }


def _ten_thousand_items():  # type: ignore[no-untyped-def]
    """AssessmentData with 10,000 checkable items cloned from the Chongqing and Wenzhou
    documents (simplified and traditional text), with states on a third of them."""
    from checklist_app.core import Assessment, Document, ItemState, Node, NodeKind
    from checklist_app.core.assessment import STATUS_CYCLE
    from checklist_app.importer import shipped_documents
    from checklist_app.ui.service import AssessmentData

    documents = {d.id: d for d in shipped_documents()}
    sources = [n for doc_id in ("chongqing-2022", "wenzhou-2017")
               for n in documents[doc_id].checkable_nodes()]
    nodes: list[Node] = [Node("big/一", None, "一、", NodeKind.SECTION, "主要任务", "")]
    for index in range(10_000):
        source = sources[index % len(sources)]
        nodes.append(replace(source, id=f"big/一/{index}", parent_id="big/一",
                             label=f"{index + 1}.", kind=NodeKind.ITEM, checkable=True))
    big = Document("big", "10,000 items", "bench", documents["chongqing-2022"].level, "—",
                   2025, nodes)
    assessment = Assessment(1, "bench office", "big")
    states = {n.id: ItemState(1, n.id, STATUS_CYCLE[i % len(STATUS_CYCLE)])
              for i, n in enumerate(nodes[1::3])}
    return AssessmentData(Path("bench.sqlite"), False, "", [assessment], {"big": big},
                          assessment, states)


def filtering() -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QTableView

    from checklist_app.core import ItemStatus
    from checklist_app.ui.models.item_filter import ItemFilterProxy
    from checklist_app.ui.models.item_table_model import Column, ItemTableModel

    app = QApplication.instance() or QApplication([])
    data = _ten_thousand_items()
    model = ItemTableModel()
    started = time.perf_counter()
    model.set_data_source(data)
    load = time.perf_counter() - started
    proxy = ItemFilterProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.resize(1000, 700)
    view.show()
    app.processEvents()  # benchmark only: let the view lay out before timing

    def timed(action) -> float:  # type: ignore[no-untyped-def]
        begin = time.perf_counter()
        action()
        view.viewport().repaint()
        return time.perf_counter() - begin

    query = "标准化试点示范"
    keystrokes = [timed(lambda q=query[:n]: proxy.update_filter(text=q))
                  for n in range(1, len(query) + 1)]
    matched = proxy.rowCount()
    clear = timed(lambda: proxy.update_filter(text=""))
    traditional = timed(lambda: proxy.update_filter(text="標準"))
    status = timed(lambda: proxy.update_filter(text="", statuses=frozenset({ItemStatus.DONE})))
    proxy.update_filter(statuses=frozenset())
    sort = timed(lambda: proxy.sort(Column.STATUS, Qt.SortOrder.AscendingOrder))
    view.close()
    return {
        "items": model.rowCount(),
        "model_load_ms": load * 1000,
        "keystroke_median_ms": statistics.median(keystrokes) * 1000,
        "keystroke_worst_ms": max(keystrokes) * 1000,
        "rows_matching_query": matched,
        "clear_search_ms": clear * 1000,
        "traditional_query_ms": traditional * 1000,
        "status_filter_ms": status * 1000,
        "sort_by_status_ms": sort * 1000,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args()
    results = {**startup(args.runs), **filtering()}
    width = max(len(k) for k in results)
    for key, value in results.items():
        print(f"{key:<{width}}  {value:10.3f}" if isinstance(value, float)
              else f"{key:<{width}}  {value:>10}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
