"""The years pmp computes with safely (dates from 1900 to 2200): light, for the command line's --as-of too."""

from __future__ import annotations

from datetime import date

YEARS = (1900, 2200)


def in_years(day: date) -> bool:
    return YEARS[0] <= day.year <= YEARS[1]
