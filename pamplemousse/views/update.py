"""The update form of the client's steering tool: what it offers, and the shape of the file it makes.

The client's copy of the pilotage HTML holds a form (templates/html/pilotage/
update.html.j2, an inline script, nothing fetched): for each open
recommendation its status, progress and a note; for each indicator a new
measure; for each milestone not yet met or missed « tenu » or « manqué ». What
the client changed becomes a small JSON file (downloaded, or inside an e-mail
to the consultants), which `pmp import` reads (write/imports/form.py):

    {"pmp": "pmp-mises-a-jour", "version": 1, "mission": "<slug>",
     "as_of": "2026-11-26", "written_on": "2026-12-01",
     "recommendations": [{"id": "R1", "status": "done", "progress": 100, "note": "…"}],
     "indicators": [{"id": "I1", "value": 62, "date": "2026-12-01"}],
     "milestones": [{"ref": "R1.3", "status": "met", "date": "2026-11-30"}]}

Only what the client changed is in it; every key of an item but its id is
optional. The user guide documents it (docs/mises-a-jour.md).
"""

from __future__ import annotations

from typing import Any

from pamplemousse.read.model import Mission

FORMAT = "pmp-mises-a-jour"
VERSION = 1
OPEN = ("todo", "in_progress", "blocked")  # the statuses the form offers to change
STATUSES = ("todo", "in_progress", "blocked", "done", "dropped")


def update_form(mission: Mission, view: dict[str, Any]) -> dict[str, Any]:
    """The facts the form needs beside the mission's view: who receives the e-mail, the file's name,
    and the open recommendations and pending milestones it offers (in the view's order)."""
    recs = [r for r in view["recommendations"] if r["status"] in OPEN]
    milestones = [m for m in view["milestones"] if m["state"] not in ("met", "missed")]
    return {
        "format": FORMAT,
        "version": VERSION,
        "slug": mission.slug,
        "as_of": view["header"]["as_of"],
        "emails": [c.email for c in mission.meta.consultants if c.email],
        "file_name": f"mises-a-jour-{mission.slug}",
        "recommendations": recs,
        "indicators": view["indicators"],
        "milestones": milestones,
        "statuses": list(STATUSES),
        "offered": bool(recs or view["indicators"] or milestones),  # nothing to update: no button, no form
    }
