"""Properties of the text preparation, the phrase finder and the JSON position finder."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from checklist_app.crosswalk.files import _value_lines
from checklist_app.crosswalk.suggest import shared_phrases
from checklist_app.crosswalk.text import BOILERPLATE, content_runs, normalize

CJK = st.text(alphabet=st.sampled_from("标准化加强推进完善建设国家體系碳达峰服务业,、。()（）和的"),
              max_size=60)


@given(CJK)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(CJK)
def test_runs_hold_no_boilerplate_or_punctuation(text: str) -> None:
    for run in content_runs(normalize(text)):
        assert len(run) >= 2
        assert not any(word in run for word in BOILERPLATE)
        assert not any(mark in run for mark in ",、。()")


@given(CJK, CJK)
def test_shared_phrases_occur_in_both(query: str, candidate: str) -> None:
    query, candidate = normalize(query), normalize(candidate)
    idf = {query[i : i + 2]: 1.0 for i in range(len(query) - 1)}
    for phrase in shared_phrases(query, candidate, idf):
        assert phrase in query
        assert phrase in candidate


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner,
                                                                max_size=4),
    max_leaves=20,
)


@settings(max_examples=200)
@given(JSON, st.integers(min_value=0, max_value=2))
def test_value_lines_cover_every_value(value: object, indent: int) -> None:
    text = json.dumps(value, indent=indent or None, ensure_ascii=False)
    lines = _value_lines(text)
    assert lines[()] == 1
    assert all(1 <= line <= text.count("\n") + 1 for line in lines.values())
