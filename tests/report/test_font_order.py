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
