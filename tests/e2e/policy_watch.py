"""The site's Content-Security-Policy stays in force in every browser test, and anything it
blocks fails the test.

The ``browser`` fixture hands out a :class:`WatchedBrowser`: its contexts never bypass
the policy (``bypass_csp`` is refused), and each context reports to one list

- every ``securitypolicyviolation`` event of its pages and frames (a script installed
  before any page script runs turns it into a console error), and
- every console message in which Chromium says it refused something for the policy, or
  rejected the Permissions-Policy header;

the ``_no_policy_violations`` fixture (tests/e2e/conftest.py) fails the test that caused
them. axe-core is run with :func:`run_axe`: it is evaluated through the DevTools protocol,
which the page's policy does not govern, not added as an inline <script>, which it does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

REPORTER = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error("CSP violation: " + event.effectiveDirective + " blocked "
    + (event.blockedURI || "inline") + " in " + event.documentURI
    + (event.sample ? " (" + event.sample + ")" : ""));
});
"""
# What Chromium writes to the console when the policy (or a policy header) bites.
POLICY_MESSAGES = (
    "CSP violation",
    "Content Security Policy",
    "Content-Security-Policy",
    "Permissions-Policy",
    "Permissions policy",
)


@dataclass
class WatchedBrowser:
    """Chromium whose contexts keep the site's policies and report what they block."""

    browser: Any
    violations: list[str] = field(default_factory=list)

    def new_context(self, **kwargs: Any) -> Any:
        if kwargs.get("bypass_csp"):
            raise AssertionError("the browser tests keep the site's Content-Security-Policy")
        context = self.browser.new_context(**kwargs)
        context.add_init_script(REPORTER)
        context.on("console", self._console)
        return context

    def _console(self, message: Any) -> None:
        if message.type in {"error", "warning"} and any(
            marker in message.text for marker in POLICY_MESSAGES
        ):
            self.violations.append(f"{message.text} [{message.location.get('url', '')}]")

    def take_violations(self) -> list[str]:
        """What was reported since the last call (and forget it)."""
        taken, self.violations[:] = list(self.violations), []
        return taken

    def __getattr__(self, name: str) -> Any:
        return getattr(self.browser, name)


@cache
def _axe_source(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_RUN = """tags => axe.run(document, {
  runOnly: {type: 'tag', values: tags},
  resultTypes: ['violations'],
})"""


def run_axe(page: Any, axe_script: Path) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source(str(axe_script)))
    return page.evaluate(AXE_RUN, AXE_TAGS)["violations"]
