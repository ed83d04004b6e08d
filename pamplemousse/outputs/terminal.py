"""`pmp status`: the state of a plan, or the portfolio of missions, for the terminal.

`mission_status(...)` checks the options and computes what to show (the state
on a date, the filter, the changes since a date or since the last committee);
`MissionStatus.renderable()` lays it out with Rich, `as_json()` as plain data
(state_json). `portfolio_rows(...)` and `portfolio_table(...)` do the same for
every mission of the workspace. Nothing here prints: the CLI does.

What must not rest on colour alone is also written: overdue rows say "retard
+42 j", stale ones "⚠ inactif", dropped ones show "—" for progress.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pamplemousse.errors import UsageError
from pamplemousse.plan.changes import Changes, changes_between
from pamplemousse.plan.since import since_window
from pamplemousse.plan.state import STALE_WEEKS, PlanState, state_on
from pamplemousse.read.model import JournalEntry, Mission
from pamplemousse.text.i18n import Formats, labels
from pamplemousse.text.messages import did_you_mean
from pamplemousse.text.wording import french, plain
from pamplemousse.views.pilotage import WEATHER_ICONS

BAR_WIDTH = 10
_EIGHTHS = " ▏▎▍▌▋▊▉"


def progress_bar(pct: float | None, width: int = BAR_WIDTH) -> str:
    """A bar of block characters, to the eighth of a cell: 45 % → '████▌     '."""
    if pct is None:
        return " " * width
    eighths = round(max(0.0, min(100.0, pct)) / 100 * width * 8)
    full, rest = divmod(eighths, 8)
    bar = "█" * full + (_EIGHTHS[rest] if rest else "")
    return bar.ljust(width, "·")


def weather_text(key: str | None, L: dict) -> str:
    """The weather as the terminal writes it: its symbol and its word ("☀︎ Ensoleillé")."""
    key = key or "none"
    return f"{WEATHER_ICONS[key]} {L['weather'][key]}"


# one mission ----------------------------------------------------------------

@dataclass
class MissionStatus:
    mission: Mission
    state: PlanState
    lang: str
    theme: str | None = None
    owner: str | None = None
    changes: Changes | None = None
    committee: JournalEntry | None = None  # the committee the changes start from
    kept: set[str] = field(default_factory=set)

    def keep(self, rec_id: str) -> bool:
        return rec_id in self.kept

    def as_json(self) -> dict:
        from pamplemousse.views.state_json import state_dict

        data = state_dict(self.mission, self.state, self.changes, self.keep)
        if self.theme or self.owner:
            data["filter"] = {"theme": self.theme, "owner": self.owner}
        return data

    def renderable(self):
        return _MissionView(self).render()


def milestone_said(m, P: dict, fmt: Formats, prefix: str, dated: str = "") -> str:
    """« tenu le 2 août 2026 », « manqué (noté le …) », « en retard, rien de noté »…"""
    if m.state in ("met", "missed"):
        return P[f"{prefix}{m.state}{dated}"].format(date=fmt.date(m.on, "short"))
    return P["changes_milestone_late" if prefix == "changes_milestone_" else f"milestone_{m.state}"]


def _pick_theme(value: str, mission: Mission, L: dict) -> str:
    themes = list(dict.fromkeys(r.theme for r in mission.recommendations))
    for t in themes:
        if plain(value) in (plain(t), plain(L["theme"][t])):
            return t
    listed = ", ".join(f"{t} ({L['theme'][t]})" for t in themes)
    close = did_you_mean('fr', value, themes + [L["theme"][t] for t in themes])
    raise UsageError(french(f"--theme {value} : aucun axe de ce nom dans la mission ; axes : {listed}{close}"))


def _pick_owner(value: str, mission: Mission) -> str:
    owners = list(dict.fromkeys(r.owner for r in mission.recommendations))
    for o in owners:
        if plain(value) == plain(o):
            return o
    close = did_you_mean('fr', value, owners)
    raise UsageError(french(
        f"--owner {value} : aucun·e responsable de ce nom ; responsables : {', '.join(owners)}{close}"
    ))


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
    L = labels(mission.language)
    window = since_window(mission, as_of, since, since_last_committee)
    theme = _pick_theme(theme, mission, L) if theme else None
    owner = _pick_owner(owner, mission) if owner else None
    kept = {
        r.id for r in mission.recommendations
        if (theme is None or r.theme == theme) and (owner is None or r.owner == owner)
    }
    return MissionStatus(
        mission=mission,
        state=state_on(mission, as_of, stale_weeks),
        lang=mission.language,
        theme=theme,
        owner=owner,
        changes=changes_between(mission, window.since, as_of, stale_weeks) if window else None,
        committee=window.committee if window else None,
        kept=kept,
    )


class _MissionView:
    """The Rich layout of one mission's status."""

    def __init__(self, status: MissionStatus):
        self.s = status
        self.L = labels(status.lang)
        self.T = self.L["terminal"]
        self.fmt = Formats(status.lang)

    def pct(self, value: float | None) -> str:
        return self.fmt.percent(value) if value is not None else self.L["common"]["none"]

    def render(self):
        from rich.console import Group
        from rich.text import Text

        s, L, T = self.s, self.L, self.T
        state = s.state
        m = s.mission
        title = Text(f"{m.meta.client.name} — {m.meta.title}", style="bold")
        parts = [
            weather_text(state.weather, L),
            T["progress"].format(pct=self.pct(state.progress)),
            self.fmt.plural(T["overdue"], len(state.overdue)),
        ]
        stale = sum(1 for r in state.recs if r.stale)
        if stale:
            parts.append(self.fmt.plural(T["stale"], stale))
        parts.append(L["common"]["state_on"].format(date=self.fmt.date(state.as_of)))
        blocks = [title, Text(" · ".join(parts))]
        if s.theme or s.owner:
            what = []
            if s.theme:
                what.append(T["filter_theme"].format(theme=L["theme"][s.theme]))
            if s.owner:
                what.append(T["filter_owner"].format(owner=s.owner))
            blocks.append(Text(T["filtered"].format(
                what=", ".join(what), n=len(s.kept), total=len(state.recs)), style="italic"))
        blocks += ["", self.table(), "", *self.deadlines(), *self.milestones()]
        if s.changes is not None:
            blocks += ["", *self.changes()]
        return Group(*blocks)

    def table(self):
        from rich import box
        from rich.table import Table
        from rich.text import Text

        L, P, T = self.L, self.L["pilotage"], self.T
        rows = [r for r in self.s.state.recs if self.s.keep(r.rec.id)]
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
            if r.overdue:
                alerts.append(T["late_mark"].format(n=r.days_late))
            if r.stale:
                alerts.append(T["stale_mark"])
            if r.status == "dropped":
                bar = L["common"]["none"]
            else:
                bar = f"{progress_bar(r.progress)} {self.fmt.percent(r.progress):>5}"
            style = "bold red" if r.overdue else ("yellow" if r.stale else ("dim" if r.status == "dropped" else None))
            table.add_row(
                r.rec.id, r.rec.title, r.rec.owner, self.fmt.date(r.rec.due, "short"),
                L["status"][r.status], bar,
                self.fmt.date(r.last_update, "short") or L["common"]["none"],
                "\n".join(alerts), style=style,
            )
        return table

    def deadlines(self) -> list:
        from rich.table import Table
        from rich.text import Text

        P, T = self.L["pilotage"], self.T
        items = [d for d in self.s.state.next_deadlines if self.s.keep(d.rec.id)]
        out = [Text(P["next_deadlines"], style="bold")]
        if not items:
            return out + [Text(P["no_deadlines"])]
        grid = Table.grid(padding=(0, 2))
        for d in items:
            what = f"{T['milestone_mark']} : {d.milestone.title}" if d.milestone else P["due_of_rec"]
            grid.add_row(self.fmt.date(d.date, "short"), d.rec.id, self._fr(what))
        return out + [grid]

    def milestones(self) -> list:
        """The milestones met, missed, or late (their date passed and nothing logged)."""
        from rich.table import Table
        from rich.text import Text

        items = [m for m in self.s.state.milestones if m.state != "upcoming" and self.s.keep(m.rec.id)]
        if not items:
            return []
        P = self.L["pilotage"]
        grid = Table.grid(padding=(0, 2))
        for m in sorted(items, key=lambda m: (m.milestone.due, m.ref)):
            said = milestone_said(m, P, self.fmt, "milestone_", "_on")
            grid.add_row(self.fmt.date(m.milestone.due, "short"), m.ref, self._fr(f"{m.milestone.title} — {said}"),
                         style="bold red" if m.state in ("late", "missed") else None)
        return ["", Text(P["milestones"], style="bold"), grid]

    def _fr(self, text: str) -> str:
        return french(text) if self.s.lang == "fr" else text.replace(" : ", ": ")

    def changes(self) -> list:
        from rich.text import Text

        ch, L, T, fmt = self.s.changes, self.L, self.T, self.fmt
        keep = self.s.keep
        if self.s.committee is not None:
            head = T["changes_since_committee"].format(committee=self.s.committee.committee, date=fmt.date(ch.since))
        else:
            head = T["changes_since"].format(date=fmt.date(ch.since))
        out = [Text(head, style="bold underline")]
        sections = []
        statuses = [c for c in ch.statuses if keep(c.rec.id)]
        if statuses:
            sections.append((T["changes_status"], [
                f"{c.rec.id} : {L['status'][c.before]} → {L['status'][c.after]}" for c in statuses
            ]))
        progress = [p for p in ch.progress if keep(p.rec.id)]
        if progress:
            sections.append((T["changes_progress"], [
                f"{p.rec.id} : {fmt.percent(p.before)} → {fmt.percent(p.after)} "
                f"({T['points'].format(sign='+' if p.gained >= 0 else '−', n=abs(p.gained))})"
                for p in progress
            ]))
        measures = [n for n in ch.measures if keep(n.rec.id)]
        if measures:
            lines = []
            for n in measures:
                unit = n.indicator.unit
                line = f"{n.indicator.id} {n.indicator.name} : {fmt.quantity(n.measure.value, unit)}"
                line += f", {fmt.date(n.measure.date, 'short')}"
                if n.previous:
                    line += f" ({T['previously'].format(value=fmt.quantity(n.previous.value, unit))})"
                lines.append(line)
            sections.append((T["changes_measures"], lines))
        deadlines = [p for p in ch.deadlines if keep(p.deadline.rec.id)]
        if deadlines:
            lines = []
            for p in deadlines:
                d = p.deadline
                what = f"{T['milestone_mark']} : {d.milestone.title}" if d.milestone else L["pilotage"]["due_of_rec"]
                kept = T["kept"] if p.met else T["missed"].format(status=L["status"][p.status])
                if p.milestone is not None:
                    kept = milestone_said(p.milestone, L["pilotage"], fmt, "changes_milestone_")
                lines.append(f"{fmt.date(d.date, 'short')} {d.rec.id} {what} — {kept}")
            sections.append((T["changes_deadlines"], lines))
        sections = [(title, [self._fr(line) for line in lines]) for title, lines in sections]
        if ch.committees:
            lines = []
            for c in ch.committees:
                lines.append(f"{c.committee}, {fmt.date(c.date)}")
                lines += [f"  • {x}" for x in c.decisions]  # the committee's own words, as written
            sections.append((T["changes_committees"], lines))
        if not sections:
            return out + [Text(T["no_change"])]
        for title, lines in sections:
            out.append(Text(title, style="bold"))
            out += [Text(f"  {line}") for line in lines]
        return out


# the portfolio --------------------------------------------------------------

def portfolio_rows(
    folders: list[Path], as_of: date, stale_weeks: int = STALE_WEEKS,
    on_each: Callable[[Path], None] | None = None,
) -> list[dict]:
    """One row per mission folder (state_json.portfolio_row); a mission with errors gets `errors` > 0."""
    from pamplemousse.read.load import load_mission
    from pamplemousse.views.state_json import portfolio_row

    rows = []
    for folder in folders:
        mission, problems = load_mission(folder)
        if mission is None:
            rows.append(portfolio_row(folder, None, None, sum(p.severity == "error" for p in problems)))
        else:
            rows.append(portfolio_row(folder, mission, state_on(mission, as_of, stale_weeks)))
        if on_each is not None:
            on_each(folder)
    return rows


def portfolio_table(rows: list[dict], as_of: date):
    """The portfolio as a Rich table, in French."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    L, fmt = labels("fr"), Formats("fr")
    T, P = L["terminal"], L["pilotage"]
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True, header_style="bold")
    table.add_column(T["col_mission"], no_wrap=True)
    table.add_column(T["col_client"], min_width=12)  # these two wrap when the terminal is narrow
    table.add_column(T["col_phase"], min_width=12)
    table.add_column(P["col_progress"], no_wrap=True)
    table.add_column(T["col_overdue"], no_wrap=True, justify="right")
    table.add_column(T["col_next"], no_wrap=True)
    table.add_column(P["col_weather"], no_wrap=True)
    for row in rows:
        if row["errors"]:
            table.add_row(row["slug"], Text(french(T["errors"]), style="bold red"), "", "", "", "", "")
            continue
        nxt = row["next_deadline"]
        table.add_row(
            row["slug"],
            row["client"],
            row["current_phase"]["title"] if row["current_phase"] else L["common"]["none"],
            f"{progress_bar(row['progress'])} {fmt.percent(row['progress']) if row['progress'] is not None else '—':>5}",
            str(row["overdue"]),
            f"{fmt.date(date.fromisoformat(nxt['date']), 'short')} {nxt['recommendation']}" if nxt else L["common"]["none"],
            weather_text(row["weather"], L),
            style="bold red" if row["overdue"] else None,
        )
    head = Text(f"{T['portfolio']} · {L['common']['state_on'].format(date=fmt.date(as_of))}", style="bold")
    return Group(head, "", table)

