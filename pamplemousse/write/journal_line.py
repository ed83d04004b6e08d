"""One journal entry as one YAML line (`- {date: 2026-11-26, recommendation: R3, …}`), as pmp log and pmp import write it.

One line per entry is what lets git's union merge (`journal.yaml merge=union`, set by pmp init) keep the
entries two clones logged: git merges line by line and shares the lines both sides added alike
(`- date: …`, `  status: done`), which splits entries written over several lines into duplicate keys.

Each line ends with the entry's own identity (`id: j-k3m7x2qa`, from `new_id`): two clones that log the same
thing on the same day write two different lines, so the union merge keeps both (it keeps one copy of a line
that both sides added identically), and a withdrawal (`withdraw: j-k3m7x2qa`) names the entry it withdraws.
"""

from __future__ import annotations

from typing import Any

ID_PREFIX = "j-"


def new_id() -> str:
    """A fresh entry id: `j-` and 8 letters or digits (40 random bits in lower-case base32, from `secrets`)."""
    import base64
    import secrets

    return ID_PREFIX + base64.b32encode(secrets.token_bytes(5)).decode("ascii").lower()


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
