"""A number next to a noun takes the noun's Polish form: 1 gmina, 2 gminy, 5 gmin, 12 gmin,
22 gminy. Every plural message of ours (``blocktranslate count``, ``ngettext``) has its
three Polish forms in locale/pl, and each count picks the right one; English has two."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import ngettext

ROOT = Path(__file__).resolve().parents[2]
COUNTS = (1, 2, 5, 12, 22)
#: The Polish form for each count: 0 one, 1 few (2–4, not 12–14), 2 many.
POLISH_FORM = {1: 0, 2: 1, 5: 2, 12: 2, 22: 1}
_ENTRY = re.compile(
    r'^msgid "(?P<singular>(?:[^"\\]|\\.)*)"\nmsgid_plural "(?P<plural>(?:[^"\\]|\\.)*)"\n'
    r"(?P<forms>(?:msgstr\[\d\] \"(?:[^\"\\]|\\.)*\"\n)+)",
    re.MULTILINE,
)
_FORM = re.compile(r'msgstr\[(\d)\] "((?:[^"\\]|\\.)*)"')


def _plural_entries(language: str) -> list[tuple[str, str, list[str]]]:
    """(singular, plural, forms) of every current plural message of the catalogue."""
    text = (ROOT / "locale" / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.startswith("#~")) + "\n"
    return [
        (match["singular"], match["plural"], [form for _n, form in _FORM.findall(match["forms"])])
        for match in _ENTRY.finditer(text)
    ]


POLISH = _plural_entries("pl")


def test_the_catalogues_have_plural_messages():
    assert len(POLISH) >= 5
    assert {singular for singular, _p, _f in POLISH} == {
        singular for singular, _p, _f in _plural_entries("en")
    }


@pytest.mark.parametrize(("singular", "plural", "forms"), POLISH, ids=[e[0] for e in POLISH])
def test_each_count_takes_its_polish_form(singular, plural, forms):
    assert len(forms) == 3 and all(forms), f"three Polish forms needed: {forms}"
    with translation.override("pl"):
        for count in COUNTS:
            shown = ngettext(singular, plural, count) % {"counter": count, "query": "podatek"}
            expected = forms[POLISH_FORM[count]] % {"counter": count, "query": "podatek"}
            assert shown == expected, (count, shown)
            assert str(count) in shown


@pytest.mark.parametrize(
    ("count", "shown"),
    [(1, "1 gmina"), (2, "2 gminy"), (5, "5 gmin"), (12, "12 gmin"), (22, "22 gminy")],
)
def test_towns_are_counted_in_polish(count, shown):
    with translation.override("pl"):
        assert ngettext("%(counter)s gmina", "%(counter)s gmin", count) % {"counter": count} == (
            shown
        )


@pytest.mark.parametrize(
    ("count", "shown"),
    [(1, "Znaleziono 1 usługę"), (2, "Znaleziono 2 usługi"), (5, "Znaleziono 5 usług"),
     (12, "Znaleziono 12 usług"), (22, "Znaleziono 22 usługi")],
)  # fmt: skip
def test_services_found_are_counted_in_polish(count, shown):
    with translation.override("pl"):
        text = ngettext("Znaleziono %(counter)s usługę", "Znaleziono %(counter)s usług", count)
        assert text % {"counter": count} == shown


def test_english_keeps_two_forms():
    with translation.override("en"):
        assert ngettext("%(counter)s gmina", "%(counter)s gmin", 1) % {"counter": 1} == (
            "1 municipality"
        )
        assert ngettext("%(counter)s gmina", "%(counter)s gmin", 22) % {"counter": 22} == (
            "22 municipalities"
        )
