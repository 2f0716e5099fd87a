"""What a person sees of a page at a given width, checked in the browser: the page never
wider than the screen, nothing pushed past its right edge, no text cut off, every tap
target at least 24 × 24 CSS pixels (WCAG 2.2's 2.5.8, with its spacing and inline
exceptions) and no English words on a Polish page.

:func:`layout_problems` runs tests/e2e/layout.js in the page (evaluated through the
DevTools protocol, like axe-core, so the page's Content-Security-Policy does not govern
it) and returns each problem as a line for the failure message.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

MIN_TARGET = 24  # CSS pixels, WCAG 2.5.8 (AA in 2.2; asked for here at 2.1 AA)

_SCRIPT = (Path(__file__).parent / "layout.js").read_text(encoding="utf-8")

#: Words that are English and no Polish word or proper name the pages use.
ENGLISH_WORDS = frozenset(
    """
    the and with your you please page pages created updated error errors not this that
    from are is for search settings account payment payments yes true false none null
    submit cancel back next previous items results found view edit delete save required
    optional invalid unknown loading close download upload file files image images warning
    here click more show hide all new of sorry denied forbidden welcome home which will
    been has have should must cannot could would there their about after before
    """.split()  # noqa: SIM905 - a list of words, read as one
)
_WORD = re.compile(r"[^\W\d_]+")


def english_words(text: str) -> list[str]:
    """The English words in ``text`` (each once, in order of appearance)."""
    found = (word for word in _WORD.findall(text) if word.casefold() in ENGLISH_WORDS)
    return list(dict.fromkeys(found))


def layout_problems(page: Any) -> list[str]:
    """Everything wrong with how the page is laid out at its viewport's width, and any
    English word in its Polish text."""
    result = page.evaluate(_SCRIPT, MIN_TARGET)
    problems = list(result["problems"])
    if words := english_words(result["polish"]):
        problems.append(f"English words on a Polish page: {', '.join(words)}")
    return problems
