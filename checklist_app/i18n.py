"""Translations usable with no Qt: reports and the command line need them too.

Message ids are English; ``resources/translations/<lang>/LC_MESSAGES/checklist_app.mo`` holds
the catalogs. Chinese (zh_CN) is the default language. ``N_`` marks a string for extraction
without translating it (for module-level constants such as status names).
"""

from __future__ import annotations

import argparse
import errno
import gettext
import os
from datetime import date
from pathlib import Path
from typing import Any

DOMAIN = "checklist_app"
DEFAULT_LANGUAGE = "zh_CN"
SUPPORTED_LANGUAGES = ("zh_CN", "en")

_translation: gettext.NullTranslations | None = None  # chosen on first use
_language = DEFAULT_LANGUAGE


def translations_dir() -> Path:
    from checklist_app.resources import resource_path

    return resource_path("translations")


def set_language(language: str | None = None) -> str:
    """Activate a language ("zh_CN", "en"); None picks CHECKLIST_APP_LANG or the default."""
    global _translation, _language
    language = language or os.environ.get("CHECKLIST_APP_LANG") or DEFAULT_LANGUAGE
    if language.startswith("zh"):
        language = "zh_CN"
    elif language not in SUPPORTED_LANGUAGES:
        language = "en"
    _translation = gettext.translation(
        DOMAIN, localedir=str(translations_dir()), languages=[language], fallback=True
    )
    _language = language
    _translate_argparse(_translation)
    return language


def current_language() -> str:
    _active()
    return _language


def reset_language() -> None:
    """Forget the active language; the next lookup picks it again (tests use this)."""
    global _translation
    _translation = None


def _active() -> gettext.NullTranslations:
    if _translation is None:
        set_language()
    assert _translation is not None
    return _translation


def _(message: str) -> str:
    return _active().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active().ngettext(singular, plural, n)


def N_(message: str) -> str:
    return message


def join_sentences(*sentences: str) -> str:
    """Translated sentences as one text, leaving out empty ones: a space after a Western
    full stop, none after a Chinese one (。！？ need no space)."""
    text = ""
    for sentence in filter(None, sentences):
        text += sentence if not text or text.endswith(("。", "！", "？", "）")) else " " + sentence
    return text


def date_words(day: date | None) -> str:
    """A day inside a sentence: 2026年12月7日 in Chinese, 2026-12-07 in English; "?" for
    none. (Tables and fields keep the ISO form.)"""
    if day is None:
        return "?"
    if current_language().startswith("zh"):
        return f"{day.year}年{day.month}月{day.day}日"
    return day.isoformat()


# What the system says when a file cannot be read or written, in the user's language: the
# operating system's own text (strerror) is English on most machines the office has.
_OS_REASONS = {
    errno.ENOENT: N_("it does not exist"),
    errno.EACCES: N_("no permission"),
    errno.EPERM: N_("no permission"),
    errno.EISDIR: N_("it is a folder"),
    errno.ENOTDIR: N_("a file stands where a folder should be"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EROFS: N_("the disk is read-only"),
    errno.EBUSY: N_("it is in use by another program"),
    errno.EIO: N_("the disk or network failed while reading or writing"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.ELOOP: N_("its shortcuts (symbolic links) lead in a circle"),
    errno.EEXIST: N_("a file of that name is already there"),
    errno.EINVAL: N_("the name is not allowed"),
}
_SHARING_VIOLATION = 32  # Windows: the file is open in another program (Word, WPS)


def os_reason(error: OSError) -> str:
    """Why a file operation failed, as a short translated phrase; the system's own words
    (with the error number) only when the failure is an unusual one."""
    if getattr(error, "winerror", None) == _SHARING_VIOLATION:
        return _(_OS_REASONS[errno.EBUSY])
    if error.errno in _OS_REASONS and (error.errno != errno.EINVAL or os.name == "nt"):
        return _(_OS_REASONS[error.errno])  # EINVAL is a bad name on Windows only
    detail = error.strerror or str(error) or type(error).__name__
    return _("system message: {detail}").format(detail=detail)


# argparse's own messages (usage, errors, the help option), so that `checklist` speaks the
# user's language throughout; argparse looks these names up in its module at call time.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("the following arguments are required: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unrecognized arguments: %s"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help with the language's colon after section headings (位置参数：).

    argparse appends a half-width ``:`` to each heading itself; the heading line is redone
    through the catalog's ``{heading}:``.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._headings: set[str] = set()

    def start_section(self, heading: str | None) -> None:
        if heading:
            self._headings.add(heading)
        super().start_section(heading)

    def format_help(self) -> str:
        return "\n".join(self._heading_line(line)
                         for line in super().format_help().split("\n"))

    def _heading_line(self, line: str) -> str:
        heading = line.strip()[:-1]
        if not line.endswith(":") or heading not in self._headings:
            return line
        indent = line[:len(line) - len(line.lstrip())]
        return indent + _("{heading}:").format(heading=heading)


class ArgumentParser(argparse.ArgumentParser):
    """An argparse parser using :class:`HelpFormatter`; its subcommand parsers do too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)


def _translate_argparse(translation: gettext.NullTranslations) -> None:
    argparse._ = translation.gettext  # type: ignore[attr-defined]
    argparse.ngettext = translation.ngettext  # type: ignore[attr-defined]
