"""The types of a mission file's values, and their checks: dates, numbers, ids, e-mails, SIRET. Pure: no I/O.

Values arrive as strings (see yamlread) and are converted here, raising errors
with pmp's own types (`pmp_*`) that load.py words plainly. What pmp computes
with is bounded: dates from 1900 to 2200, numbers written with digits only
(no `1_0`, `1e27`, `inf`), within a thousand billion either way.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, model_validator
from pydantic_core import PydanticCustomError

from pamplemousse.read.years import YEARS, in_years

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_MILESTONE_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(\.[0-9]+)?")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_INT_TEXT = re.compile(r"[+-]?[0-9]+")
_NUMBER_TEXT = re.compile(r"[+-]?[0-9]+([.,][0-9]+)?")
# What pmp computes with safely: dates from 1900 to 2200 (read.years), numbers within a thousand billion.
MAX_NUMBER = 10**12


def _to_date(value: Any) -> date:
    if isinstance(value, date):
        day = value
    elif not isinstance(value, str) or not _DATE.fullmatch(value.strip()):
        raise PydanticCustomError("pmp_date", "date expected")
    else:
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError("pmp_impossible_date", "impossible date") from None
    if not in_years(day):
        raise PydanticCustomError("pmp_date_range", "date out of range", {"low": YEARS[0], "high": YEARS[1]})
    return day


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise PydanticCustomError("pmp_bool", "true or false expected")


def _to_number(value: Any) -> Any:
    """Digits, a sign and a decimal comma (12,5) or dot: nothing else (no `1_0`, `1e27`, `inf`)."""
    if isinstance(value, str):
        if not _NUMBER_TEXT.fullmatch(value.strip()):
            raise PydanticCustomError("pmp_number", "number expected")
        return value.strip().replace(",", ".")
    return value


def to_int(value: Any) -> Any:
    """Digits and a sign only (no `1_0`, read as 10 by Python)."""
    if isinstance(value, str) and not _INT_TEXT.fullmatch(value.strip()):
        raise PydanticCustomError("pmp_int", "whole number expected")
    return value


def _bounded(value: float) -> float:
    """Finite, within ±MAX_NUMBER; `-0` is 0."""
    if not -MAX_NUMBER <= value <= MAX_NUMBER:  # NaN fails both comparisons
        raise PydanticCustomError("pmp_number_range", "number out of range", {"high": MAX_NUMBER})
    return value + 0


STATUSES = ("todo", "in_progress", "done", "blocked", "dropped")
MILESTONE_STATUSES = ("met", "missed")
# The statuses an entry of each kind may give (`status` is shared by two kinds of journal entry).
KIND_STATUSES = {"recommendation": STATUSES, "milestone": MILESTONE_STATUSES}


def status_of_its_kind(value: Any, info: Any) -> Any:
    """A journal entry's status: a recommendation's statuses, or met / missed for a milestone (`milestone`
    is validated before `status`); worded by load.py as a literal error listing the allowed ones."""
    allowed = KIND_STATUSES["milestone" if info.data.get("milestone") else "recommendation"]
    if isinstance(value, str) and value and value not in allowed:
        expected = ", ".join(f"'{a}'" for a in allowed)
        raise PydanticCustomError("literal_error", "Input should be {expected}", {"expected": expected})
    return value


def _check_milestone_ref(value: str) -> str:
    if not _MILESTONE_REF.fullmatch(value):
        raise PydanticCustomError("pmp_milestone_ref", "invalid milestone reference")
    return value


def _check_id(value: str) -> str:
    if not _ID.fullmatch(value):
        raise PydanticCustomError("pmp_id", "invalid id")
    return value


def _check_email(value: str) -> str:
    if not _EMAIL.fullmatch(value.strip()):
        raise PydanticCustomError("pmp_email", "invalid email")
    return value.strip()


def siret_is_valid(value: str) -> bool:
    """14 digits whose Luhn sum is a multiple of 10."""
    if not (len(value) == 14 and value.isdigit()):
        return False
    total = 0
    for i, ch in enumerate(reversed(value)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _check_siret(value: str) -> str:
    compact = value.replace(" ", "").replace("\u00a0", "")
    if not siret_is_valid(compact):
        raise PydanticCustomError("pmp_siret", "invalid siret")
    return compact


def _between(low: int, high: int):
    def check(value: int) -> int:
        if not low <= value <= high:
            raise PydanticCustomError("pmp_range", "out of range", {"low": low, "high": high})
        return value

    return AfterValidator(check)


def _at_least(low: float):
    def check(value):
        if value < low:
            raise PydanticCustomError("pmp_at_least", "too small", {"low": low})
        return value

    return AfterValidator(check)


def _non_empty(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("pmp_empty", "empty")
    return value


Text = Annotated[str, AfterValidator(_non_empty)]
Id = Annotated[str, AfterValidator(_check_id)]
MilestoneRef = Annotated[str, AfterValidator(_check_milestone_ref)]  # a milestone's own id, or R3.1
Day = Annotated[date, BeforeValidator(_to_date)]
Bool = Annotated[bool, BeforeValidator(_to_bool)]
Number = Annotated[float, BeforeValidator(_to_number), AfterValidator(_bounded)]
Count = Annotated[int, BeforeValidator(to_int), AfterValidator(_bounded), _at_least(0)]
Days = Annotated[float, BeforeValidator(_to_number), AfterValidator(_bounded), _at_least(0)]
Score4 = Annotated[int, BeforeValidator(to_int), _between(0, 4)]
Score5 = Annotated[int, BeforeValidator(to_int), _between(1, 5)]
Percent = Annotated[int, BeforeValidator(to_int), _between(0, 100)]
Email = Annotated[str, AfterValidator(_check_email)]
Siret = Annotated[str, AfterValidator(_check_siret)]


class Strict(BaseModel):
    """Unknown keys are errors; an empty optional value is the same as no value."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True, defer_build=True)

    @model_validator(mode="before")
    @classmethod
    def _drop_empty_optionals(cls, data: Any) -> Any:
        if isinstance(data, dict) and "" in data.values():
            fields = cls.model_fields
            data = {
                k: v for k, v in data.items()
                if not (v == "" and k in fields and not fields[k].is_required())
            }
        return data
