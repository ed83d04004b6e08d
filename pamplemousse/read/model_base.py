"""The field types of pmp's models and their Strict base (read/model.py builds the files on them).

Values arrive as strings (see yamlread) and are converted by these types, which
raise errors with pmp's own types (`pmp_*`) so that load.py can word them plainly.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, model_validator
from pydantic_core import PydanticCustomError

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_DECIMAL_COMMA = re.compile(r"-?\d+,\d+")


def _to_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _DATE.fullmatch(value.strip()):
        raise PydanticCustomError("pmp_date", "date expected")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise PydanticCustomError("pmp_impossible_date", "impossible date") from None


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise PydanticCustomError("pmp_bool", "true or false expected")


def _to_number(value: Any) -> Any:
    """Accept the French decimal comma (12,5) as well as the dot."""
    if isinstance(value, str) and _DECIMAL_COMMA.fullmatch(value.strip()):
        return value.strip().replace(",", ".")
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
Day = Annotated[date, BeforeValidator(_to_date)]
Bool = Annotated[bool, BeforeValidator(_to_bool)]
Number = Annotated[float, BeforeValidator(_to_number)]
Count = Annotated[int, _at_least(0)]
Days = Annotated[float, BeforeValidator(_to_number), _at_least(0)]
Score4 = Annotated[int, _between(0, 4)]
Score5 = Annotated[int, _between(1, 5)]
Percent = Annotated[int, _between(0, 100)]
Email = Annotated[str, AfterValidator(_check_email)]
Siret = Annotated[str, AfterValidator(_check_siret)]


class Strict(BaseModel):
    """Unknown keys are errors; an empty optional value is the same as no value."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)

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
