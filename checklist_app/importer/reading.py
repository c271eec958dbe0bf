"""Read a policy document file into text: encodings, .docx, and refusal of anything else."""

from __future__ import annotations

import re
import stat
import zipfile
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from checklist_app.core.sizes import mib_rounded_up
from checklist_app.i18n import _, os_reason

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import Table

MAX_SOURCE_BYTES = 20 * 1024 * 1024  # a policy document is ~10-100 KB; refuse absurd inputs
# A .docx once unpacked: a file of a hundred KB may unpack to gigabytes (its text read took
# 2 GB and half a minute). The long 纲要 is well under 1 MB; pictures count, so some room.
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, .ppt, old .wps

# The header of a task table's task column (重点任务, 工作内容, 具体措施 …) and of its row
# numbers (序号), which the parser numbers itself.
_TASK_COLUMN = re.compile(
    r"^(?:重点|重點|主要|具体|具體|工作)?(?:任务|任務|措施|工作|内容|內容|事项|事項)"
    r"(?:内容|內容|措施|名称|名稱)?$")
_NUMBER_COLUMN = re.compile(r"^(?:序号|序號|编号|編號)$")
HEADER_ROWS = 3  # the rows a task table's header is looked for in
ANNEX_TASK = "〖分工〗"  # a task of an annex's 任务分工表 (see parser.attach_annex_tasks)
# 附件, 附件1, 附件2：重点任务分工表 (the parser takes the number and the title)
ANNEX_MARK = re.compile(
    r"^附件\s*(?P<number>[\d一二三四五六七八九十]*)\s*(?:[:：\s]\s*(?P<rest>.*))?$")
_HIGHER_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")
_TASK_LINE = re.compile(r"^(\d{1,3})[.．](?!\d)")  # 3. — not a date such as 2024.12


class Unreadable(StrEnum):
    """Why a file gave no text: lets a caller other than the importer word it its own way."""

    OTHER = "other"
    FOLDER = "folder"
    TOO_LARGE = "too-large"
    EMPTY = "empty"
    BINARY = "binary"
    NOT_DOCX = "not-docx"
    OLD_WORD = "old-word"  # .doc and the other old Office files (OLE compound files)
    PDF = "pdf"
    ENCODING = "encoding"  # text in an encoding not recognised


class DocumentError(Exception):
    """A policy document cannot be read; the message names the file and the reason
    (worded for importing a policy document), ``kind`` says which reason it was."""

    def __init__(self, message: str, kind: Unreadable = Unreadable.OTHER) -> None:
        super().__init__(message)
        self.kind = kind


def read_source_text(path: Path) -> str:
    """Return the text of a .txt or .docx policy document, with its encoding detected and
    control characters dropped."""
    data = _read_bytes(path)
    if data.startswith(b"PK\x03\x04"):
        return without_controls(_docx_text(path))
    if path.suffix.lower() == ".docx" and not data.startswith(OLE_MAGIC) \
            and b"%PDF-" not in data[:1024] and _binary_content(data):
        raise _not_docx(path)  # not "binary content: choose a .txt or .docx" of a .docx
    return without_controls(decode_text(data, path))


def _binary_content(data: bytes) -> bool:
    """Whether ``data`` reads as no text at all."""
    try:
        decode_text(data)
    except DocumentError as error:
        return error.kind is Unreadable.BINARY
    return False


# C0 and C1 control characters but tab and newline: a policy document has none, and in a
# title they would reach terminals (an escape sequence recolours or retitles them), tables
# and reports. Word's manual line break (vertical tab) and page break (form feed), in text
# saved from it, end a line.
_CONTROL = re.compile(r"[\x00-\x08\x0d-\x1f\x7f-\x9f]")
_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


def without_controls(text: str) -> str:
    return _CONTROL.sub("", text.translate(_LINE_BREAKS))


def _read_bytes(path: Path) -> bytes:
    try:
        _refuse_non_file(path)
        with path.open("rb") as file:
            data = file.read(MAX_SOURCE_BYTES + 1)  # a file growing meanwhile reads no further
    except FileNotFoundError as error:
        raise DocumentError(_("{path}: file not found").format(path=path)) from error
    except OSError as error:
        raise DocumentError(
            _("{path}: cannot be read ({reason})").format(path=path, reason=os_reason(error))
        ) from error
    if len(data) > MAX_SOURCE_BYTES:
        raise _too_large(path, len(data))
    if not data.strip():
        raise DocumentError(_("{path}: the file is empty").format(path=path), Unreadable.EMPTY)
    return data


def _refuse_non_file(path: Path) -> None:
    """Refuse a folder, a device or a pipe (reading one would wait, or never end) and an
    absurdly large file, before opening it."""
    info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        raise DocumentError(_("{path}: is a folder, not a document").format(path=path),
                            Unreadable.FOLDER)
    if not stat.S_ISREG(info.st_mode):
        raise DocumentError(_("{path}: is a device or a pipe, not a document file").format(
            path=path))
    if info.st_size > MAX_SOURCE_BYTES:
        raise _too_large(path, info.st_size)


def _too_large(path: Path, size: int) -> DocumentError:
    return DocumentError(_("{path}: too large for a policy document ({size} MB)").format(
        path=path, size=mib_rounded_up(size)),
        Unreadable.TOO_LARGE)


def decode_text(data: bytes, path: Path | str = "<text>") -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 (a BOM, or clearly LE/BE text without one),
    GB18030/GBK, or Big5 (cp950) when GB18030 gives garbage; LF or CRLF."""
    text = _decode(data, path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, path: Path | str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode_marked(data[3:], "utf-8", "UTF-8", path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_marked(data, "utf-16", "UTF-16", path)
    _refuse_foreign_format(data, path)
    if b"\x00" in data[:4096]:
        text = _utf16_without_bom(data)
        if text is None:
            raise _binary(path)
        return text
    if b"\x00" in data:  # text with a binary tail (a file cut and pasted together)
        raise _binary(path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _decode_chinese(data, path)


def _decode_marked(data: bytes, encoding: str, name: str, path: Path | str) -> str:
    """Text whose byte order mark names its encoding; bytes that break it (part of the file
    saved in another encoding, or the file cut short) are refused with the line they are on,
    not read as garbled text or replacement characters that lose clauses."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        before = data[:error.start].decode(encoding, errors="ignore")
        line = before.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
        raise DocumentError(
            _("{path}: marked as {encoding} text, but line {line} holds bytes that are not "
              "{encoding} (part of the file saved in another encoding, or the file cut "
              "short). Open it in a text editor and save it as UTF-8, then try again.").format(
                path=path, encoding=name, line=line), Unreadable.ENCODING) from None


def _refuse_foreign_format(data: bytes, path: Path | str) -> None:
    """A PDF or an old Office file (.doc, also renamed .docx) is named as what it is, with
    what to do instead: "binary content" or "unknown encoding" would mislead."""
    if data.startswith(OLE_MAGIC):
        raise DocumentError(
            _("{path}: an old Word document (.doc) or another file of the old Office format; "
              "only .docx is read. Open it in Word or WPS, save it as a Word document "
              "(.docx) and try again.").format(path=path), Unreadable.OLD_WORD)
    if b"%PDF-" in data[:1024]:
        raise DocumentError(
            _("{path}: a PDF file; only .txt and .docx are read. Open the PDF in WPS or Word "
              "and save it as .docx, or copy its text into a .txt file.").format(path=path),
            Unreadable.PDF)


def _decode_chinese(data: bytes, path: Path | str) -> str:
    """GB18030 (GBK, GB2312); Big5 (cp950) when GB18030 gives characters no Chinese text
    holds (Private Use Area, kana, box drawing …) and Big5 decodes cleanly."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and not _looks_like_text(text):
        raise _binary(path)
    if text is not None and not _garbled(text):
        return text
    big5 = _decode_or_none(data, "cp950")
    if big5 is not None and _looks_like_text(big5) and _unlikely(big5) == 0:
        return big5
    if text is None:
        raise DocumentError(
            _("{path}: unknown text encoding (not UTF-8, GB18030 or Big5). Open it in a "
              "text editor and save it as UTF-8, then try again.").format(path=path),
            Unreadable.ENCODING)
    raise DocumentError(
        _("{path}: the text encoding could not be recognised: read as GB18030 (GBK) or Big5 "
          "it gives garbled characters. Open it in a text editor and save it as UTF-8, then "
          "try again.").format(path=path), Unreadable.ENCODING)


def _decode_or_none(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


# Characters a Chinese policy text does not hold, but Big5 bytes read as GBK give: the
# Private Use Area (GB18030's user-defined rows), kana, bopomofo, Greek, Cyrillic. (Box
# drawing too, but a text may rule a line with it.)
_UNLIKELY = re.compile("[\ue000-\uf8ff\u3040-\u30ff\u3100-\u312f\u0370-\u04ff]")
_GARBLED_SHARE = 50  # one unlikely character in 50 non-ASCII ones: not a real text


def _unlikely(text: str) -> int:
    return len(_UNLIKELY.findall(text))


def _garbled(text: str) -> bool:
    """Unlikely characters beyond a stray few (a Greek letter, a character of its own in
    the Private Use Area); Big5 read as GBK gives one in three or so."""
    wide = sum(1 for char in text if ord(char) > 127)
    return _unlikely(text) > max(2, wide // _GARBLED_SHARE)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a BOM: NUL bytes on one side (the high byte of line ends,
    digits and ASCII punctuation), and the decoding is Chinese or ASCII text."""
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    encoding = "utf-16-be" if even > odd else "utf-16-le"
    text = _decode_or_none(data, encoding)
    if text is None or not text.strip():
        return None
    readable = sum(1 for char in text if _TEXT_CHAR.match(char))
    return text if readable >= len(text) * 0.95 else None


# Characters of a Chinese document: ASCII text, CJK ideographs, CJK and full-width
# punctuation, general punctuation (“” — …), circled and Roman numbers.
_TEXT_CHAR = re.compile("[\t\n\r\x20-\x7e\u00b7\u2000-\u206f\u2160-\u217f"
                        "\u2460-\u24ff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff"
                        "\uff00-\uffef]")


def _binary(path: Path | str) -> DocumentError:
    return DocumentError(_("{path}: not a text document (binary content)").format(path=path),
                         Unreadable.BINARY)


def _looks_like_text(text: str) -> bool:
    """GB18030 decodes almost any byte string; real text has few control characters."""
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls <= len(text) // 100


def _docx_text(path: Path) -> str:
    """Paragraphs one per line and tables where they stand, in document order, so that a
    table stays under the heading it follows (see :func:`task_table_lines`)."""
    import docx  # python-docx; imported here so plain-text imports do not pay for it
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError

    _refuse_unpacked_size(path)
    try:
        document = docx.Document(str(path))
        document.element.body  # noqa: B018  # a document part of another kind has none
    # a damaged package (cut short, its XML broken, a part missing, a foreign part list)
    except (PackageNotFoundError, zipfile.BadZipFile, LxmlError, KeyError, ValueError,
            AttributeError) as error:
        raise _not_docx(path) from error
    try:
        text = _docx_lines(document)
    except (LxmlError, KeyError, zipfile.BadZipFile) as error:  # a damaged part read later
        raise _not_docx(path) from error
    if not text.strip():
        raise DocumentError(_("{path}: the document has no text").format(path=path))
    return text


def _not_docx(path: Path) -> DocumentError:
    return DocumentError(
        _("{path}: not a Word .docx document or the file is damaged").format(path=path),
        Unreadable.NOT_DOCX)


def _refuse_unpacked_size(path: Path) -> None:
    """Refuse a .docx whose XML unpacks to more than a policy document could hold."""
    try:
        with zipfile.ZipFile(path) as package:
            unpacked = sum(info.file_size for info in package.infolist())  # .rels too
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise _not_docx(path) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise DocumentError(
            _("{path}: too large for a policy document ({size} MB once unpacked)").format(
                path=path, size=unpacked // (1024 * 1024)),
            Unreadable.TOO_LARGE)


def _docx_lines(document: DocxDocument) -> str:
    from docx.table import Table

    from checklist_app.importer.docx_numbering import AutoNumbers
    from checklist_app.importer.headings import opens_with_marker

    lines: list[str] = []
    in_annex = False  # after an 附件 line: a task table there restates the body's tasks
    numbers = AutoNumbers(document)
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            rows = _table_rows(block)
            in_annex = in_annex or _mark_unmarked_annex(lines, rows)
            lines.extend(task_table_lines(rows, after=_last_task_number(lines), annex=in_annex))
        else:
            label = numbers.label(block)
            typed = opens_with_marker(block.text)  # a number typed too: not twice
            lines.append(block.text if typed else label + block.text)
            # only after the body has begun: a file that opens with 附件1 is itself the annex
            in_annex = in_annex or (bool(ANNEX_MARK.match(block.text.strip()))
                                    and any(_HIGHER_HEADING.match(line.strip())
                                            for line in lines))
    return "\n".join(lines)


SIGNED_TITLE_LINES = 2  # lines between a 成文日期 and a task table: the table's title


def _mark_unmarked_annex(lines: list[str], rows: list[list[str]]) -> bool:
    """A task table after the signature block (an issuer, then the 成文日期 a line or two
    above, no heading or task between) is an annex all the same: put the 附件 line it lacks
    after the date, so the parser takes it as one (its tasks went under the body's last
    heading, the signature kept as that clause's text). True when the mark was put."""
    if _task_header(rows) is None or not any(_HIGHER_HEADING.match(line.strip())
                                             for line in lines):
        return False
    from checklist_app.importer.metadata import is_closing_note, is_date_line, is_issuer_line

    written = [i for i, line in enumerate(lines) if line.strip()]
    date = next((i for i in reversed(written[-1 - SIGNED_TITLE_LINES:])
                 if is_date_line(lines[i])), None)
    if date is None:
        return False
    above = [i for i in written if i < date]
    title = [lines[i].strip() for i in written if i > date]
    if not above or not is_issuer_line(lines[above[-1]]) or any(
            _HIGHER_HEADING.match(line) or _TASK_LINE.match(line) for line in title):
        return False  # a date in a table's cell or the body's text: no signature
    after = date + 1  # past （此件公开发布）: no title of the annex
    while after < len(lines) and (not lines[after].strip() or is_closing_note(lines[after])):
        after += 1
    lines.insert(after, "附件")
    return True


def _last_task_number(lines: list[str]) -> int:
    """The number of the last task (``3.``) under the latest 一、 or (一) heading so far: a
    table there goes on from it (a second table, or one after typed tasks)."""
    for line in reversed(lines):
        text = line.strip()
        if _HIGHER_HEADING.match(text):
            return 0
        if task := _TASK_LINE.match(text):
            return int(task.group(1))
    return 0


CATEGORY_CHARS = 30  # a merged row of a task table this short names a group of tasks


def _table_rows(table: Table) -> list[list[str]]:
    """A Word table's rows of cell texts (a merged cell once)."""
    return [[cell.text.strip() for cell in _unique_cells(row.cells)] for row in table.rows]


def task_table_lines(rows: list[list[str]], *, after: int = 0,
                     annex: bool = False) -> list[str]:
    """A task table (任务分工表: a column of tasks, with 责任单位, 完成时限 …) as tasks
    numbered on from ``after``, each followed by its other columns as ``责任单位:…`` lines,
    which the parser reads as tasks of the heading before the table; any other table one
    cell per line, as web pages print them (Chongqing's 工作计划). The header is the first
    of the top rows to name a task column (a merged title row may come above it). In an
    ``annex`` (重点任务分工表 after 附件) the tasks may be the body's again: each numbered
    task is marked ``ANNEX_TASK`` for the parser to decide (parser.split_annex_tasks)."""
    found = _task_header(rows)
    if found is None:
        return [cell for row in rows for cell in row]
    start, header, task_column = found
    lines: list[str] = []
    number = after
    for row in rows[start + 1:]:
        if len(row) < len(header) and all(len(cell) <= CATEGORY_CHARS for cell in row):
            continue  # a category across the table (一 | 企业标准公开): no task's words
        if len(row) != len(header) or not row[task_column]:
            lines.extend(row)  # a row of another shape, or one without a task
            continue
        number += 1
        task = " ".join(row[task_column].split())  # a cell's lines are one task
        lines.append(f"{ANNEX_TASK}{number}.{task}" if annex else f"{number}.{task}")
        lines.extend(f"{name}:{' '.join(value.split())}"
                     for index, (name, value) in enumerate(zip(header, row, strict=True))
                     if index != task_column and value and not _NUMBER_COLUMN.match(name))
    return lines


# A text table's header names its task column and who does it or by when.
_FACT_COLUMN = re.compile(
    r"^(?:责任|責任|牵头|牽頭|主责|主責)(?:单位|單位|部门|部門)|^完成(?:时限|時限|时间|時間)")


def text_table_lines(lines: list[str]) -> list[str]:
    """Task tables copied from a web page as text, a row a line, its cells apart by spaces
    (序号 任务 责任单位 完成时限), read as a Word file's tables are (they were glued to the
    last clause, their figures its targets). A row of another count of cells ends it."""
    out: list[str] = []
    position, in_annex = 0, False
    while position < len(lines):
        header = lines[position].split(" ")
        rows = [header]
        if (len(header) >= 3 and _task_header(rows) is not None
                and any(_FACT_COLUMN.match(cell) for cell in header)):
            while position + len(rows) < len(lines) and len(
                    cells := lines[position + len(rows)].split(" ")) == len(header):
                rows.append(cells)
        if len(rows) > 1:
            in_annex = in_annex or _mark_unmarked_annex(out, rows)
            out += task_table_lines(rows, after=_last_task_number(out), annex=in_annex)
            position += len(rows)
            continue
        line = lines[position]
        in_annex = in_annex or (bool(ANNEX_MARK.match(line.strip()))
                                and any(_HIGHER_HEADING.match(done.strip()) for done in out))
        out.append(line)
        position += 1
    return out


def _task_header(rows: list[list[str]]) -> tuple[int, list[str], int] | None:
    """The header row of a task table: its position, column names and task column."""
    for position, row in enumerate(rows[:HEADER_ROWS]):
        names = [re.sub(r"\s+", "", cell) for cell in row]
        columns = [i for i, name in enumerate(names) if _TASK_COLUMN.match(name)]
        if columns:
            return position, names, _task_column(rows[position + 1:], columns)
    return None


def _task_column(rows: list[list[str]], columns: list[int]) -> int:
    """Of several task-like columns (重点任务 | 具体措施), the one that says the most: the
    other names the tasks' group, the same words row after row."""
    def words(column: int) -> int:
        return sum(len(row[column]) for row in rows if len(row) > column)

    return max(columns, key=lambda column: (words(column), -column))


def _unique_cells(cells: list) -> list:
    """Merged cells appear once per grid column in python-docx; keep each once."""
    seen: list = []
    for cell in cells:
        if not any(cell._tc is other._tc for other in seen):
            seen.append(cell)
    return seen
