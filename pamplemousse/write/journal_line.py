"""One journal entry as one YAML line (`- {date: 2026-11-26, recommendation: R3, …}`), as pmp log and pmp import write it.

One line per entry is what lets git's union merge (`journal.yaml merge=union`, set by pmp init) keep the
entries two clones logged: git merges line by line and shares the lines both sides added alike
(`- date: …`, `  status: done`), which splits entries written over several lines into duplicate keys.
"""

from __future__ import annotations

from typing import Any


def one_line(data: dict[str, Any]) -> str:
    """`data` as one YAML list item on one line, serialised by the library (dates as ISO dates);
    a text with a line break is written double-quoted ("a\\nb"), so that it stays on the line."""
    import yaml

    class OneLine(yaml.SafeDumper):
        pass

    def text_value(dumper, value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if "\n" in value else None)

    OneLine.add_representer(str, text_value)
    return "- " + yaml.dump(
        data, Dumper=OneLine, allow_unicode=True, sort_keys=False, default_flow_style=True, width=float("inf")
    )
