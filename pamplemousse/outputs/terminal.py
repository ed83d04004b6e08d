"""`pmp status`: the state of a plan, or the portfolio of missions, for the terminal.

`mission_status(...)` checks the options and builds the mission's view once
(views.mission: the state on a date, the changes since a date or since the
last committee), filtered if asked; `MissionStatus.renderable()` lays it out
with Rich, `as_json()` writes it as JSON (outputs/json_doc.view_json, as
`render --format json`). The portfolio's table is in outputs/terminal_portfolio.py
(light: a portfolio read from the cache needs neither the models nor the plan). Nothing
here prints: the CLI does.

What must not rest on colour alone is also written: overdue rows say "retard
+42 j", stale ones "⚠ inactif", dropped ones show "—" for progress.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pamplemousse.errors import UsageError
from pamplemousse.outputs.terminal_portfolio import portfolio_table, progress_bar  # noqa: F401 - read from here too
from pamplemousse.plan.state import STALE_WEEKS
from pamplemousse.read.model import Mission
from pamplemousse.text.i18n import Formats, labels
from pamplemousse.text.messages import did_you_mean
from pamplemousse.text.wording import french, plain

# one mission ----------------------------------------------------------------

@dataclass
class MissionStatus:
    """What `pmp status MISSION` shows: the mission's view (views.mission), filtered if asked."""

    view: dict  # views.mission.mission_view, its lists keeping only the filtered recommendations
    lang: str
    total: int  # recommendations in the whole plan
    theme: str | None = None
    owner: str | None = None

    def as_json(self) -> dict:
        from pamplemousse.outputs.json_doc import view_json

        data = view_json(self.view)
        if self.theme or self.owner:
            data["filter"] = {"theme": self.theme, "owner": self.owner}
        return data

    def renderable(self):
        return _MissionView(self).render()


def _pick_theme(value: str, mission: Mission, L: dict) -> str:
    themes = list(dict.fromkeys(r.theme for r in mission.recommendations))
    for t in themes:
        if plain(value) in (plain(t), plain(L["theme"][t])):
            return t
    listed = ", ".join(f"{t} ({L['theme'][t]})" for t in themes)
    close = did_you_mean(mission.language, value, themes + [L["theme"][t] for t in themes])
    raise UsageError(key="unknown_theme", lang=mission.language, value=value, listed=listed, close=close)


def _pick_owner(value: str, mission: Mission) -> str:
    owners = list(dict.fromkeys(r.owner for r in mission.recommendations))
    for o in owners:
        if plain(value) == plain(o):
            return o
    close = did_you_mean(mission.language, value, owners)
    raise UsageError(key="unknown_owner", lang=mission.language, value=value, listed=", ".join(owners), close=close)


def mission_status(
    mission: Mission,
    as_of: date,
    theme: str | None = None,
    owner: str | None = None,
    since: date | None = None,
    since_last_committee: bool = False,
    stale_weeks: int = STALE_WEEKS,
) -> MissionStatus:
    """What `pmp status MISSION` shows, after checking its options (UsageError, in French)."""
    from pamplemousse.plan.report import report
    from pamplemousse.views.mission import filtered, mission_view

    L = labels(mission.language)
    theme = _pick_theme(theme, mission, L) if theme else None
    owner = _pick_owner(owner, mission) if owner else None
    kept = {
        r.id for r in mission.recommendations
        if (theme is None or r.theme == theme) and (owner is None or r.owner == owner)
    }
    the_report = report(mission, as_of, stale_weeks, since, since_last_committee)
    view = mission_view(mission, the_report, mission.language)
    return MissionStatus(
        view=filtered(view, kept.__contains__) if theme or owner else view,
        lang=mission.language,
        total=len(mission.recommendations),
        theme=theme,
        owner=owner,
    )


class _MissionView:
    """The Rich layout of one mission's status, read from its view."""

    def __init__(self, status: MissionStatus):
        self.s = status
        self.v = status.view
        self.L = labels(status.lang)
        self.T = self.L["terminal"]

    def render(self):
        from rich.console import Group
        from rich.text import Text

        s, v, L, T = self.s, self.v, self.L, self.T
        summary = v["summary"]
        fmt = Formats(s.lang)
        title = Text(f"{v['mission']['client']} — {v['mission']['title']}", style="bold")
        progress = summary["progress"]["label"] if summary["progress"] else L["common"]["none"]
        parts = [
            f"{summary['weather']['icon']} {summary['weather']['label']}",
            T["progress"].format(pct=progress),
            fmt.plural(T["overdue"], len(summary["overdue"])),
        ]
        if summary["stale"]:
            parts.append(fmt.plural(T["stale"], len(summary["stale"])))
        parts.append(v["header"]["state_on"])
        blocks: list = [title, Text(" · ".join(parts))]
        if s.theme or s.owner:
            what = []
            if s.theme:
                what.append(T["filter_theme"].format(theme=L["theme"][s.theme]))
            if s.owner:
                what.append(T["filter_owner"].format(owner=s.owner))
            blocks.append(Text(T["filtered"].format(
                what=", ".join(what), n=len(v["recommendations"]), total=s.total), style="italic"))
        blocks += ["", *self.attention(), "", self.table(), "", *self.deadlines(), *self.milestones()]
        if v["changes"] is not None:
            blocks += ["", *self.changes()]
        return Group(*blocks)

    def table(self):
        from rich import box
        from rich.table import Table
        from rich.text import Text

        L, P, T = self.L, self.L["pilotage"], self.T
        rows = self.v["recommendations"]
        if not rows:
            return Text(T["nothing_selected"])
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True, header_style="bold")
        table.add_column(P["col_id"], no_wrap=True)
        table.add_column(P["col_recommendation"], min_width=24)  # wraps when the terminal is narrow
        table.add_column(P["col_owner"], no_wrap=True, overflow="ellipsis", max_width=14)
        table.add_column(P["col_due"], no_wrap=True)
        table.add_column(P["col_status"], no_wrap=True)
        table.add_column(P["col_progress"], no_wrap=True)
        table.add_column(T["col_update"], no_wrap=True)
        table.add_column(T["col_alert"])
        for r in rows:
            alerts = []
            if r["overdue"]:
                alerts.append(T["late_mark"].format(n=r["days_late"]))
            if r["stale"]:
                alerts.append(T["stale_mark"])
            dropped = r["status"] == "dropped"
            if dropped:
                bar = L["common"]["none"]
            else:
                bar = f"{progress_bar(r['progress']['value'])} {r['progress']['label']:>5}"
            style = "bold red" if r["overdue"] else ("yellow" if r["stale"] else ("dim" if dropped else None))
            table.add_row(
                r["id"], r["title"], r["owner"], r["due"]["short"], r["status_label"], bar,
                r["last_update"]["short"] if r["last_update"] else L["common"]["none"],
                "\n".join(alerts), style=style,
            )
        return table

    def attention(self) -> list:
        """« À traiter en priorité »: each item with its owner, why, and what is expected next."""
        from rich.table import Table
        from rich.text import Text

        words, items = self.L["attention"], self.v["attention"]["items"]
        out = [Text(words["title"], style="bold")]
        if not items:
            return out + [Text(f"  {words['none']}")]
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for item in items:
            why = ", ".join(r["label"] for r in item["reasons"])
            style = "bold red" if item["status"] == "blocked" else ""
            grid.add_row(f"  {item['id']}", Text(self._fr(f"{item['title']} — {item['owner']} : {why}"), style=style))
            for line in item["expected"]:
                grid.add_row("", Text(f"→ {line}"))
        return out + [grid]

    def deadlines(self) -> list:
        from rich.table import Table
        from rich.text import Text

        P, T = self.L["pilotage"], self.T
        items = self.v["summary"]["next_deadlines"]
        out = [Text(P["next_deadlines"], style="bold")]
        if not items:
            return out + [Text(P["no_deadlines"])]
        grid = Table.grid(padding=(0, 2))
        for d in items:
            what = f"{T['milestone_mark']} : {d['what']}" if d["is_milestone"] else d["what"]
            grid.add_row(d["date"]["short"], d["rec_id"], self._fr(what))
        return out + [grid]

    def milestones(self) -> list:
        """The milestones met, missed, or late (their date passed with nothing logged)."""
        from rich.table import Table
        from rich.text import Text

        items = [m for m in self.v["milestones"] if m["state"] != "upcoming"]
        if not items:
            return []
        grid = Table.grid(padding=(0, 2))
        for m in items:
            grid.add_row(m["date"]["short"], m["ref"], self._fr(f"{m['title']} — {m['state_label']}"),
                         style="bold red" if m["state"] in ("late", "missed") else None)
        return ["", Text(self.L["pilotage"]["milestones"], style="bold"), grid]

    def _fr(self, text: str) -> str:
        return french(text) if self.s.lang == "fr" else text.replace(" : ", ": ")

    def changes(self) -> list:
        from rich.text import Text

        ch, T = self.v["changes"], self.T
        if ch["committee"] is not None:
            head = T["changes_since_committee"].format(committee=ch["committee"], date=ch["since"]["long"])
        else:
            head = T["changes_since"].format(date=ch["since"]["long"])
        out = [Text(head, style="bold underline")]
        sections = []
        if ch["statuses"]:
            sections.append((T["changes_status"], [
                f"{c['rec_id']} : {c['before_label']} → {c['after_label']}" for c in ch["statuses"]
            ]))
        if ch["progress"]:
            sections.append((T["changes_progress"], [
                f"{p['rec_id']} : {p['before']['label']} → {p['after']['label']} "
                f"({p['gained_label']})"
                for p in ch["progress"]
            ]))
        if ch["measures"]:
            lines = []
            for n in ch["measures"]:
                line = f"{n['indicator_id']} {n['name']} : {n['value']}, {n['date']['short']}"
                if n["previous"] is not None:
                    line += f" ({T['previously'].format(value=n['previous'])})"
                lines.append(line)
            sections.append((T["changes_measures"], lines))
        if ch["deadlines"]:
            lines = []
            for d in ch["deadlines"]:
                what = f"{T['milestone_mark']} : {d['what']}" if d["is_milestone"] else d["what"]
                kept = T["kept"] if d["met"] else T["missed"].format(status=d["status_label"])
                if d["milestone_state"] is not None:  # a milestone's own state: met, missed or late
                    kept = d["outcome"]
                lines.append(f"{d['date']['short']} {d['rec_id']} {what} — {kept}")
            sections.append((T["changes_deadlines"], lines))
        sections = [(title, [self._fr(line) for line in lines]) for title, lines in sections]
        if ch["committees"]:
            lines = []
            for c in ch["committees"]:
                lines.append(f"{c['title']}, {c['date']['long']}")
                lines += [f"  • {x}" for x in c["decisions"]]  # the committee's own words, as written
            sections.append((T["changes_committees"], lines))
        if ch["withdrawals"]:
            sections.append((T["changes_withdrawals"], [
                x["line"] for x in ch["withdrawals"]
            ]))
        if not sections:
            return out + [Text(T["no_change"])]
        for title, lines in sections:
            out.append(Text(title, style="bold"))
            out += [Text(f"  {line}") for line in lines]
        return out
