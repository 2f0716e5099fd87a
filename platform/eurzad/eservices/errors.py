"""What a resident is told when an application cannot go on."""

from __future__ import annotations


class SubmissionRefused(Exception):
    """A refusal in Polish, then English, with the fields it concerns (by path)."""

    def __init__(self, polish: str, english: str, errors: dict[str, str] | None = None) -> None:
        super().__init__(f"{polish} ({english})")
        self.polish, self.english, self.errors = polish, english, errors or {}


class AuthenticationRequired(SubmissionRefused):
    """The application is a Party's and the session it is submitted in has no login.gov.pl
    login (an assertion of the national node) to record with it."""
