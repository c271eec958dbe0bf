"""Stored timestamps are UTC; the days shown and printed are the office's local days."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest

from checklist_app.core import Assessment, AssessmentSnapshot, Document, Level, local_date
from checklist_app.report.content import report_date


@pytest.fixture
def beijing_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "CST-8")  # POSIX form of UTC+8, no zoneinfo files needed
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_an_early_morning_change_is_on_the_local_day(beijing_time: None) -> None:
    assert local_date("2026-03-01T23:30:00+00:00") == date(2026, 3, 2)  # 07:30 in Beijing
    assert local_date("2026-03-01T10:00:00+00:00") == date(2026, 3, 1)
    assert local_date("2026-03-01") == date(2026, 3, 1)
    assert local_date("") is None and local_date("yesterday") is None


def test_a_closed_assessment_is_dated_on_the_local_closing_day(beijing_time: None) -> None:
    checklist = Document("doc", "文件", "机关", Level.MUNICIPAL, "重庆", 2022, [])
    closed = replace(Assessment(1, "某局", "doc"), closed_at="2026-03-01T23:30:00+00:00")
    assert report_date(AssessmentSnapshot(closed, checklist)) == date(2026, 3, 2)
