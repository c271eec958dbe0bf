"""The zh_CN catalog: it parses, keeps placeholders, is complete and its .mo is compiled.

The helpers live in ``scripts/translations.py`` (stdlib only); see docs/TRANSLATIONS.md. When a
test here fails after a source change, run::

    .venv/bin/python scripts/translations.py extract   # then translate the empty msgstrs
    .venv/bin/python scripts/translations.py compile
"""

from __future__ import annotations

import ast
import gettext
import importlib.util
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from checklist_app import i18n

REPO_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = REPO_ROOT / "scripts" / "translations.py"
HOWTO = (
    "run `.venv/bin/python scripts/translations.py extract`, translate the empty msgstrs in "
    "resources/translations/zh_CN/LC_MESSAGES/checklist_app.po, then run `... compile`"
)


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("checklist_translations_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


tr = _load_script()
PO = tr.po_path("zh_CN")
MO = tr.mo_path("zh_CN")
CATALOG = tr.read_po(PO)
ACTIVE = CATALOG.active()


@pytest.fixture
def restore_language() -> Iterator[None]:
    """set_language() changes process-wide state: put back what the other tests had."""
    saved = (i18n._translation, i18n._language)
    yield
    i18n._translation, i18n._language = saved


# -- the committed catalog ----------------------------------------------------------------------


def test_po_parses_with_chinese_header() -> None:
    fields = CATALOG.header_fields()
    assert fields["Language"] == "zh_CN"
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert fields["Plural-Forms"].replace(" ", "") == "nplurals=1;plural=0;"
    assert CATALOG.nplurals() == 1
    assert len(ACTIVE) > 50
    assert all(e.msgid for e in ACTIVE)


@pytest.mark.parametrize("entry", ACTIVE, ids=lambda e: e.msgid[:60])
def test_translation_keeps_placeholders(entry: tr.Entry) -> None:
    assert tr.placeholder_problems(entry) == []


def test_catalog_has_no_problems() -> None:
    """Placeholders, Qt mnemonics (&), trailing newlines and plural counts, all at once."""
    assert tr.catalog_problems(CATALOG, "zh_CN") == []


def test_no_fuzzy_entries() -> None:
    """Fuzzy entries are left out of the .mo: the user would see English."""
    assert [e.msgid for e in ACTIVE if e.fuzzy] == []


def test_committed_mo_equals_fresh_compile() -> None:
    assert MO.exists(), "the .mo is missing: run scripts/translations.py compile"
    assert MO.read_bytes() == tr.compile_catalog(CATALOG), (
        "the committed .mo is out of date with the .po: run scripts/translations.py compile"
    )


def test_every_source_message_is_translated() -> None:
    messages, _problems = tr.extract_messages(tr.source_files())
    translated = {e.key for e in ACTIVE if e.translated}
    missing = [m.msgid for m in messages if m.key not in translated]
    assert missing == [], f"{len(missing)} msgid(s) have no zh_CN translation ({HOWTO}): {missing}"


def test_status_names_use_the_office_terms() -> None:
    expected = {
        "Not assessed": "未评估",
        "Not started": "未启动",
        "In progress": "推进中",
        "Largely done": "基本完成",
        "Done": "已完成",
        "Ongoing": "长期坚持",
        "Not applicable": "不适用",
    }
    by_id = {e.msgid: e.msgstr for e in ACTIVE}
    assert {k: by_id.get(k) for k in expected} == expected


# -- the running app ----------------------------------------------------------------------------


@pytest.mark.usefixtures("restore_language")
def test_set_language_switches_between_chinese_and_english() -> None:
    assert i18n.set_language("zh_CN") == "zh_CN"
    assert i18n._("Done") == "已完成"
    assert i18n._("Not applicable") == "不适用"
    assert i18n.set_language("en") == "en"
    assert i18n._("Done") == "Done"


@pytest.mark.usefixtures("restore_language")
def test_environment_and_default_pick_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHECKLIST_APP_LANG", raising=False)
    assert i18n.set_language() == "zh_CN"
    assert i18n._("Done") == "已完成"
    monkeypatch.setenv("CHECKLIST_APP_LANG", "en_US")
    assert i18n.set_language() == "en"
    assert i18n._("Done") == "Done"


def test_gnu_translations_read_the_compiled_catalog() -> None:
    catalog = gettext.GNUTranslations(io.BytesIO(MO.read_bytes()))
    assert catalog.info()["language"] == "zh_CN"
    for entry in ACTIVE[:40]:
        if entry.msgid_plural is None:
            assert catalog.gettext(entry.msgid) == entry.msgstr


# -- the tool itself ----------------------------------------------------------------------------


SAMPLE_SOURCE = """
from checklist_app.i18n import N_, _, ngettext

LABEL = N_("Done")


def f(n, name, path):
    # Translators: {path} is a file path.
    print(_("Cannot open {path}.").format(path=path))
    print(ngettext("{n} item", "{n} items", n).format(n=n))
    print(_("Hello %s") % name, _(LABEL))
    print(_(f"Hello {name}"), _("a" + name))
    print(_("Hello " "world"))
"""


def test_extract_finds_literals_and_reports_bad_calls(tmp_path: Path) -> None:
    source = tmp_path / "pkg" / "mod.py"
    source.parent.mkdir()
    source.write_text(SAMPLE_SOURCE, encoding="utf-8")
    messages, problems = tr.extract_messages([source], root=tmp_path)
    by_id = {m.msgid: m for m in messages}
    assert list(by_id) == ["Done", "Cannot open {path}.", "{n} item", "Hello %s", "Hello world"]
    assert by_id["{n} item"].msgid_plural == "{n} items"
    assert by_id["Cannot open {path}."].references == ["pkg/mod.py:9"]
    assert by_id["Cannot open {path}."].extracted_comments == [
        "Translators: {path} is a file path."
    ]
    assert by_id["Cannot open {path}."].flags == ["python-brace-format"]
    assert by_id["Hello %s"].flags == ["python-format"]
    assert [p.location for p in problems] == ["pkg/mod.py:12", "pkg/mod.py:12"]
    assert "f-string" in problems[0].message


def test_merge_keeps_translations_adds_new_and_comments_out_obsolete() -> None:
    pot = tr.Catalog(
        tr.pot_header("2026-01-01 00:00+0000"),
        [
            tr.Entry("Done", references=["a.py:1"]),
            tr.Entry("New", references=["a.py:2"]),
            tr.Entry("{n} item", "{n} items", msgstr_plural={0: "", 1: ""}),
        ],
    )
    po = tr.parse_po(
        tr.format_po(tr.Catalog(tr.new_po_header("zh_CN", "x"), []))
        + '\n# keep me\nmsgid "Done"\nmsgstr "已完成"\n'
        + '\nmsgid "Gone"\nmsgstr "旧"\n\nmsgid "Gone untranslated"\nmsgstr ""\n'
    )
    merged, stats = tr.merge(pot, po, "zh_CN")
    by_id = {e.msgid: e for e in merged.entries}
    assert by_id["Done"].msgstr == "已完成" and by_id["Done"].translator_comments == ["keep me"]
    assert by_id["Done"].references == ["a.py:1"]
    assert by_id["New"].msgstr == "" and stats.new == ["New", "{n} item"]
    assert by_id["{n} item"].msgstr_plural == {0: ""}  # nplurals=1
    assert by_id["Gone"].obsolete and "Gone untranslated" not in by_id
    text = tr.format_po(merged)
    assert '#~ msgid "Gone"' in text
    again, stats = tr.merge(pot, tr.parse_po(text), "zh_CN")
    assert tr.format_po(again) == text and stats.obsolete == []
    pot.entries.append(tr.Entry("Gone"))
    revived, stats = tr.merge(pot, tr.parse_po(text), "zh_CN")
    assert stats.revived == ["Gone"]
    assert {e.msgid: e.msgstr for e in revived.active()}["Gone"] == "旧"


def test_po_round_trip_of_escapes_and_multiline_strings() -> None:
    entry = tr.Entry('Say "hi"\\n\tnow\nsecond line\n', msgstr="说“你好”\\n\t\n第二行\n")
    text = tr.format_po(tr.Catalog(tr.new_po_header("zh_CN", "x"), [entry]))
    parsed = tr.parse_po(text).entries[0]
    assert (parsed.msgid, parsed.msgstr) == (entry.msgid, entry.msgstr)
    assert tr.format_po(tr.parse_po(text)) == text


def test_mo_with_plurals_reads_back_with_gettext() -> None:
    catalog = tr.Catalog(
        tr.new_po_header("zh_CN", "x"),
        [
            tr.Entry("Done", msgstr="已完成"),
            tr.Entry("{n} item", "{n} items", msgstr_plural={0: "{n} 项"}),
            tr.Entry("Untranslated", msgstr=""),
            tr.Entry("Unsure", msgstr="不确定", flags=["fuzzy"]),
            tr.Entry("Gone", msgstr="旧", obsolete=True),
        ],
    )
    translations = gettext.GNUTranslations(io.BytesIO(tr.compile_catalog(catalog)))
    assert translations.gettext("Done") == "已完成"
    assert translations.ngettext("{n} item", "{n} items", 1) == "{n} 项"
    assert translations.ngettext("{n} item", "{n} items", 5) == "{n} 项"
    assert translations.gettext("Untranslated") == "Untranslated"
    assert translations.gettext("Unsure") == "Unsure"
    assert translations.gettext("Gone") == "Gone"


@pytest.mark.parametrize(
    ("msgid", "msgstr", "ok"),
    [
        ("{path} is missing", "“{path}”不存在", True),
        ("{a} of {b}", "{b}中的{a}", True),
        ("{path} is missing", "文件不存在", False),
        ("{path} is missing", "{name}不存在", False),
        ("{status!r} unknown", "{status}未知", False),
        ("{n:.1f} %", "{n:.1f}%", True),
        ("Hello %s", "你好", False),
        ("%(name)s and %(n)d", "%(n)d 和 %(name)s", True),
        ("%s of %d", "%d 的 %s", False),
        ("100%% done", "已完成 100%%", True),
        ("no fields", "有{字段}", False),
    ],
)
def test_placeholder_check(msgid: str, msgstr: str, ok: bool) -> None:
    assert (tr.placeholder_problems(tr.Entry(msgid, msgstr=msgstr)) == []) is ok


def test_mnemonic_check() -> None:
    header = tr.new_po_header("zh_CN", "x")
    good = tr.Catalog(header, [tr.Entry("&Workspace", msgstr="工作区(&W)")])
    bad = tr.Catalog(header, [tr.Entry("&Workspace", msgstr="工作区")])
    assert tr.catalog_problems(good, "po") == []
    assert len(tr.catalog_problems(bad, "po")) == 1


def test_script_is_stdlib_only() -> None:
    tree = ast.parse(SCRIPT.read_text(encoding="utf-8"))
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0
    }
    assert imported <= set(sys.stdlib_module_names) | {"__future__"}


def test_check_command_passes_on_the_committed_catalog(capsys: pytest.CaptureFixture[str]) -> None:
    assert tr.main(["check", "--lang", "zh_CN"]) == 0
    assert "OK" in capsys.readouterr().out


def test_pot_date_changes_only_with_the_msgids() -> None:
    """Moving a string to another line must not change the .po header, hence not the .mo."""
    old = tr.Catalog(tr.pot_header("2026-01-01 00:00+0000"), [tr.Entry("A", references=["a:1"])])
    moved = tr.build_pot([tr.Entry("A", references=["a:9"])], old)
    assert moved.header_fields()["POT-Creation-Date"] == "2026-01-01 00:00+0000"
    added = tr.build_pot([tr.Entry("A"), tr.Entry("B")], old)
    assert added.header_fields()["POT-Creation-Date"] != "2026-01-01 00:00+0000"


@pytest.mark.parametrize("module", ["checklist_app.cli", "checklist_app.app"])
def test_help_of_both_commands_is_all_chinese(module: str) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "CHECKLIST_APP_LANG": "zh_CN", "QT_QPA_PLATFORM": "offscreen"}
    code = f"import sys; from {module} import main; sys.exit(main(['--help']))"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env=env).stdout
    assert "显示版本号并退出" in shown and "显示本帮助并退出" in shown
    assert "选项：\n" in shown and "选项:" not in shown
    assert "show program" not in shown and "show this help" not in shown


@pytest.mark.parametrize(("sentences", "joined"), [
    (("Exported 3 files.", "", "2 were kept."), "Exported 3 files. 2 were kept."),
    (("已导出 3 个文件。", "其中 2 个未重复写入。"), "已导出 3 个文件。其中 2 个未重复写入。"),
    (("", "只有一句。"), "只有一句。"),
    (("", ""), ""),
])
def test_sentences_join_with_a_space_only_after_a_western_stop(
        sentences: tuple[str, ...], joined: str) -> None:
    assert i18n.join_sentences(*sentences) == joined
