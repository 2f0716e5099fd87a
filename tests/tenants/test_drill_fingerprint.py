"""The restore drill's fingerprint: one line of counts per town, the same for the same
data, without personal data (helm/drill/restore-drill.sh)."""

from __future__ import annotations

import re
from io import StringIO

from django.core.management import call_command


def _fingerprint() -> list[str]:
    out = StringIO()
    call_command("drill_fingerprint", stdout=out)
    return out.getvalue().splitlines()


def test_one_line_of_counts_per_town_and_the_same_twice(towns):
    lines = _fingerprint()
    assert [line.split()[0] for line in lines] == ["glogow", "zembrzyce"]
    for line in lines:
        assert re.fullmatch(
            r"\w+ \w+ mieszkancy=\d+ zobowiazania=\d+ wplaty=\d+ sprawy=\d+ strony=\d+ "
            r"ostatnia_wplata=\d+",
            line,
        ), line
    assert "zobowiazania=0" not in lines[1]  # the demo's Zembrzyce has obligations
    assert _fingerprint() == lines
