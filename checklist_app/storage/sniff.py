"""What an evidence file really holds: its content's type, and whether its name agrees.

The stored MIME type follows the bytes (the ``filetype`` signatures, plus the generic ZIP and
OLE containers and plain text); the extension only refines a container (a ``.docx`` whose
``word/`` part sits past the scanned head is still a ZIP) or names what the content cannot
tell (``.csv`` vs ``.txt``). A name that promises one of the common office formats while the
content is something else (a text file called ``.pdf``) is attached all the same, with a
warning: the user may have picked the wrong file.
"""

from __future__ import annotations

import mimetypes
import os

from checklist_app.core.names import printable
from checklist_app.i18n import _

OCTET_STREAM = "application/octet-stream"
TEXT = "text/plain"
RTF = "application/rtf"
ZIP = "application/zip"
OLE = "application/x-ole-storage"  # a Compound File (Office 97-2003, WPS) of unknown kind
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
DOC, XLS, PPT = "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"

# Extensions of the formats whose content can be recognised; fixed here rather than asked of
# the system's MIME table, which differs between Windows, macOS and Linux.
SIGNED_TYPES = {
    "pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
    "gif": "image/gif", "zip": ZIP, "docx": DOCX, "xlsx": XLSX, "pptx": PPTX,
    "doc": DOC, "xls": XLS, "ppt": PPT,
    "wps": OLE, "et": OLE, "dps": OLE,  # WPS Office: Compound Files like Office 97-2003
    **dict.fromkeys(("sqlite", "sqlite3", "db", "db3"), "application/x-sqlite3"),
}
WINDOWS_PROGRAM = "application/x-msdownload"  # what filetype calls the MZ header
# Programs and scripts: what their content is when it is what the name says (the system's
# MIME table gives them types no content test finds, such as application/x-msdos-program).
PROGRAM_TYPES = {
    **dict.fromkeys(("exe", "dll", "scr", "cpl", "ocx", "sys", "efi"), WINDOWS_PROGRAM),
    **dict.fromkeys(("msi", "msp"), OLE),  # Windows Installer: a Compound File
    **dict.fromkeys(("bat", "cmd", "ps1", "psm1", "vbs", "js", "jse", "wsf", "wsh", "hta",
                     "reg", "sh", "bash", "py", "pyw", "desktop"), TEXT),
}
ZIP_FAMILY = {ZIP, DOCX, XLSX, PPTX}
# Which Office 97-2003 kind a Compound File is cannot be told reliably from its head.
OLE_FAMILY = {OLE, DOC, XLS, PPT}
TEXT_TYPES = {"application/json", "application/xml", RTF, "image/svg+xml"}
# Format names users know; a type not listed is shown as its MIME type.
FORMAT_NAMES = {
    "application/pdf": "PDF", "image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF",
    ZIP: "ZIP", DOCX: "Word (.docx)", XLSX: "Excel (.xlsx)", PPTX: "PowerPoint (.pptx)",
    DOC: "Word (.doc)", XLS: "Excel (.xls)", PPT: "PowerPoint (.ppt)",
    OLE: "Office 97-2003 / WPS", WINDOWS_PROGRAM: "Windows .exe",
    "application/x-sqlite3": "SQLite",
}
ALLOWED_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")


def extension(file_name: str) -> str:
    """``报告.PDF`` → ``pdf``; empty when there is none."""
    return os.path.splitext(file_name)[1][1:].lower()


def claimed_type(file_name: str) -> str | None:
    """The type the file name promises, if any."""
    ext = extension(file_name)
    if ext in SIGNED_TYPES:
        return SIGNED_TYPES[ext]
    if ext in PROGRAM_TYPES:
        return PROGRAM_TYPES[ext]
    return mimetypes.guess_type(f"x.{ext}")[0] if ext else None


def is_text(head: bytes) -> bool:
    """Whether the bytes read as text (UTF-8, GB18030 or UTF-16 with a BOM)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\0" in head:
        return False
    controls = sum(1 for byte in head if byte < 0x20 and byte not in ALLOWED_CONTROLS)
    if controls * 100 > len(head):
        return False
    return any(_decodes(head, encoding) for encoding in ("utf-8", "gb18030"))


def _decodes(head: bytes, encoding: str) -> bool:
    try:
        head.decode(encoding)
    except UnicodeDecodeError as error:
        # a character cut by the end of the head
        return error.start >= len(head) - 3 and error.reason in (
            "unexpected end of data", "incomplete multibyte sequence")
    return True


def content_type(head: bytes) -> str | None:
    """The type the first bytes show, or None when they show nothing known."""
    import filetype  # ~4 ms of signature tables: paid when sniffing, not when opening

    kind = filetype.guess(head) if head else None
    if kind is not None:
        return kind.mime
    if head.startswith(OLE_SIGNATURE):
        return OLE
    if head.startswith(ZIP_SIGNATURE):
        return ZIP
    return TEXT if head and is_text(head) else None


def detect_mime(head: bytes, file_name: str) -> str:
    """The MIME type to store: the content's, refined by the name where they agree."""
    found, claimed = content_type(head), claimed_type(file_name)
    if claimed is None:
        return found or OCTET_STREAM
    if found is None:
        return OCTET_STREAM if claimed in SIGNED_TYPES.values() else claimed
    if _agrees(found, claimed):
        return found if claimed in (ZIP, OLE) else claimed
    return found


def _named_for(found: str, file_name: str) -> bool:
    """Whether the file's extension is the one the content's signature goes with: the
    system's MIME table may name the same format otherwise (a .rar is application/vnd.rar
    there, application/x-rar-compressed to the signature)."""
    return extension(file_name) in _signature_extensions(found)


def _signature_extensions(mime: str) -> set[str]:
    import filetype

    return {kind.extension for kind in filetype.types if kind.mime == mime}


def format_name(mime: str) -> str:
    """The name users know a format by: PDF, Word (.docx); else the extension its
    signature goes with (.7z), or the MIME type when there is none."""
    if mime in FORMAT_NAMES:
        return FORMAT_NAMES[mime]
    extensions = sorted(_signature_extensions(mime))
    return f".{extensions[0]}" if extensions else mime


def _agrees(found: str, claimed: str) -> bool:
    """Whether content of type ``found`` fits a name promising ``claimed``."""
    if found == claimed or {found, claimed} <= OLE_FAMILY:
        return True
    if found == RTF:  # Word opens RTF saved as .doc without a word
        return claimed in (DOC, TEXT)
    if ZIP in (found, claimed):
        return {found, claimed} <= ZIP_FAMILY
    return _textual(found) and _textual(claimed)


def _textual(mime: str) -> bool:
    return mime.startswith("text/") or mime in TEXT_TYPES or mime.endswith(("+xml", "+json"))


def mismatch_warning(file_name: str, mime_type: str) -> str | None:
    """A warning when the stored content contradicts the file's extension, else None."""
    claimed = claimed_type(file_name)
    if claimed is None or claimed == mime_type or _agrees(mime_type, claimed) \
            or _named_for(mime_type, file_name):
        return None
    name, ext = printable(file_name), printable(extension(file_name))
    if _textual(mime_type):
        return _("{name} is named .{extension} but holds plain text. It was attached as it "
                 "is: check that it is the file you meant.").format(name=name, extension=ext)
    if mime_type == OCTET_STREAM:
        return _("{name} is named .{extension} but its content is not a .{extension} file. "
                 "It was attached as it is: check that it is the file you meant.").format(
            name=name, extension=ext)
    return _("{name} is named .{extension} but its content is {format}. It was attached as "
             "it is: check that it is the file you meant.").format(
        name=name, extension=ext,
        format=format_name(mime_type))
