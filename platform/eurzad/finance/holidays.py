"""Polish public holidays (dni ustawowo wolne od pracy) and working days.

Ustawa z dnia 18 stycznia 1951 r. o dniach wolnych od pracy, art. 1: every Sunday and
the days below. Christmas Eve (24 December) is a public holiday from 2025 on (the 2024
amendment). Ordynacja podatkowa art. 12 § 5: a term whose last day is a Saturday or a
public holiday ends on the next day that is neither.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

CHRISTMAS_EVE_FROM = 2025


def easter_sunday(year: int) -> date:
    """Western (Gregorian) Easter Sunday: the anonymous Gregorian algorithm (Meeus)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[date]:
    """The public holidays of ``year`` other than ordinary Sundays."""
    easter = easter_sunday(year)
    days = {
        date(year, 1, 1),  # Nowy Rok
        date(year, 1, 6),  # Trzech Króli
        easter,  # Wielkanoc
        easter + timedelta(days=1),  # Poniedziałek Wielkanocny
        date(year, 5, 1),  # Święto Pracy
        date(year, 5, 3),  # Święto Konstytucji 3 Maja
        easter + timedelta(days=49),  # Zielone Świątki (Zesłanie Ducha Świętego)
        easter + timedelta(days=60),  # Boże Ciało
        date(year, 8, 15),  # Wniebowzięcie NMP
        date(year, 11, 1),  # Wszystkich Świętych
        date(year, 11, 11),  # Narodowe Święto Niepodległości
        date(year, 12, 25),  # Boże Narodzenie (pierwszy dzień)
        date(year, 12, 26),  # Boże Narodzenie (drugi dzień)
    }
    if year >= CHRISTMAS_EVE_FROM:
        days.add(date(year, 12, 24))  # Wigilia
    return frozenset(days)


def is_public_holiday(day: date) -> bool:
    """Sundays and the statutory holidays."""
    return day.weekday() == 6 or day in public_holidays(day.year)


def is_working_day(day: date) -> bool:
    """Not a Saturday, not a Sunday, not a public holiday."""
    return day.weekday() < 5 and day not in public_holidays(day.year)


def next_working_day(day: date) -> date:
    """``day`` itself when it is a working day, else the first working day after it
    (the end of a term under Ordynacja podatkowa art. 12 § 5)."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day
