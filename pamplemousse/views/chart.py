"""A chart as the views describe it: which drawing, with which data and words.

The views never draw. They put a `Chart` where a document shows a chart; the
HTML output draws each one as inline SVG (outputs/charts.py) before the
templates run, and the other formats leave it out (an empty string).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Chart:
    kind: str  # a drawing of outputs/charts.py: timeline, matrix, trajectory, radar, bar_scores
    args: tuple[Any, ...]
    options: dict[str, Any] = field(default_factory=dict)
