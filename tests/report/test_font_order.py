"""The order fontconfig's fonts are tried in: mainland faces of a collection first."""

from __future__ import annotations

import subprocess

import pytest

from checklist_app.report import fonts as fonts_module

# fc-list as one machine printed it: the faces of a collection in no fixed order.
FC_LIST = """\
/usr/share/fonts/truetype/arphic/ukai.ttc: :index=3:family=AR PL UKai TW MBE
/usr/share/fonts/truetype/arphic/ukai.ttc: :index=2:family=AR PL UKai TW
/usr/share/fonts/truetype/arphic/ukai.ttc: :index=1:family=AR PL UKai HK
/usr/share/fonts/truetype/arphic/ukai.ttc: :index=0:family=AR PL UKai CN
/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc: :index=2:family=Noto Sans CJK SC
/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc: :index=3:family=Noto Sans CJK TC
/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc: :index=2:family=Noto Sans CJK SC
"""


@pytest.fixture
def listed(monkeypatch: pytest.MonkeyPatch) -> None:
    def run(args, **kwargs):
        return subprocess.CompletedProcess(args, 0, stdout=FC_LIST, stderr="")

    monkeypatch.setattr(fonts_module.shutil, "which", lambda name: "/usr/bin/fc-list")
    monkeypatch.setattr(fonts_module.subprocess, "run", run)


def test_a_collections_mainland_face_comes_before_its_taiwan_and_hong_kong_ones(
    listed: None,
) -> None:
    families = [family for _file, _index, family in fonts_module._fc_list(":lang=zh")]
    assert families == [
        "Noto Sans CJK SC", "AR PL UKai CN",  # mainland, by file
        "Noto Sans CJK TC", "AR PL UKai HK", "AR PL UKai TW", "AR PL UKai TW MBE",
        "Noto Sans CJK SC",  # the bold file last
    ]


# A Linux desktop with the Arphic and WenQuanYi fonts and no GB/T 9704 typeface.
ARPHIC_AND_WQY = """\
/usr/share/fonts/truetype/arphic/ukai.ttc: :index=0:family=AR PL UKai CN
/usr/share/fonts/truetype/arphic/uming.ttc: :index=0:family=AR PL UMing CN
/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc: :index=0:family=WenQuanYi Zen Hei
"""


def _first_candidates(monkeypatch: pytest.MonkeyPatch, listing: str) -> dict[str, str]:
    def run(args, **kwargs):
        return subprocess.CompletedProcess(args, 0, stdout=listing, stderr="")

    monkeypatch.setattr(fonts_module.sys, "platform", "linux")
    monkeypatch.setattr(fonts_module.shutil, "which", lambda name: "/usr/bin/fc-list")
    monkeypatch.setattr(fonts_module.subprocess, "run", run)
    fonts_module._fontconfig_zh.cache_clear()
    try:
        return {role.name: next(fonts_module._system_candidates(role))[2]
                for role in fonts_module.FontRole}
    finally:
        fonts_module._fontconfig_zh.cache_clear()


def test_each_role_falls_back_as_on_windows_not_to_the_first_font_by_file_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With no 仿宋 the body was set in AR PL UKai (a 楷体, first by file name), so the
    （一） headings read as body text, and the title too: 明体 is the 宋体 at hand."""
    assert _first_candidates(monkeypatch, ARPHIC_AND_WQY) == {
        "BODY": "AR PL UMing CN", "HEADING": "WenQuanYi Zen Hei", "KAI": "AR PL UKai CN",
        "SONG": "AR PL UMing CN", "TITLE": "AR PL UMing CN"}


def test_fangsong_is_no_songti_but_stands_in_for_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """FangSong holds "song": it is the 仿宋 face, a 宋体 only when no other is there."""
    listing = """\
/usr/share/fonts/fz/FZFangSong.ttf: :index=0:family=FZFangSong-Z02
/usr/share/fonts/noto/NotoSerifCJK-Regular.ttc: :index=0:family=Noto Serif CJK SC
/usr/share/fonts/noto/NotoSansCJK-Regular.ttc: :index=0:family=Noto Sans CJK SC
"""
    assert _first_candidates(monkeypatch, listing) == {
        "BODY": "FZFangSong-Z02", "HEADING": "Noto Sans CJK SC", "KAI": "FZFangSong-Z02",
        "SONG": "Noto Serif CJK SC", "TITLE": "Noto Serif CJK SC"}
    no_song = "\n".join(line for line in listing.splitlines() if "Serif" not in line)
    assert _first_candidates(monkeypatch, no_song)["SONG"] == "FZFangSong-Z02"


def test_no_role_but_the_kaiti_headings_falls_to_a_kaiti(monkeypatch: pytest.MonkeyPatch) -> None:
    """With AR PL UKai and UMing only, the 黑体 headings took UKai, as the 楷体 ones do; with
    UKai and a 黑体 only, the body took UKai (first by file name)."""
    arphic = "\n".join(line for line in ARPHIC_AND_WQY.splitlines() if "wqy" not in line)
    assert _first_candidates(monkeypatch, arphic)["HEADING"] == "AR PL UMing CN"
    kai_and_hei = """\
/usr/share/fonts/truetype/arphic/ukai.ttc: :index=0:family=AR PL UKai CN
/usr/share/fonts/truetype/wqy/wqy-microhei.ttc: :index=0:family=WenQuanYi Micro Hei
"""
    chosen = _first_candidates(monkeypatch, kai_and_hei)
    assert chosen["BODY"] == chosen["SONG"] == chosen["TITLE"] == "WenQuanYi Micro Hei"
    assert chosen["KAI"] == "AR PL UKai CN"


def test_a_songti_named_fangzheng_is_no_fangsong(monkeypatch: pytest.MonkeyPatch) -> None:
    """方正 (FangZheng) names hold "fang": its 书宋 is a 宋体, its 仿宋 the 仿宋."""
    listing = """\
/usr/share/fonts/fz/FZShuSong.ttf: :index=0:family=FangZheng ShuSong
/usr/share/fonts/fz/FZFangSong.ttf: :index=0:family=FZFangSong-Z02
"""
    chosen = _first_candidates(monkeypatch, listing)
    assert (chosen["BODY"], chosen["SONG"]) == ("FZFangSong-Z02", "FangZheng ShuSong")
