"""The floor that `pmp render` is compared with: the least work a render could do.

As issue 21 defines it: load the mission's YAML with libyaml's safe loader, build
one pydantic model, and render one Jinja template listing the recommendations.
Nothing of pmp is imported: no positions, no strictness, no plan, no charts, none
of pmp's ~33 models.

    python benchmarks/floor.py MISSION_FOLDER OUT_FILE
"""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2
import yaml
from pydantic import BaseModel

FILES = ("mission.yaml", "vision.yaml", "questions.yaml", "recommendations.yaml", "journal.yaml")

TEMPLATE = """<!doctype html><html lang="fr"><body><h1>{{ title }}</h1><table>
{% for r in recs %}<tr><td>{{ r.id }}</td><td>{{ r.title }}</td><td>{{ r.owner }}</td>
<td>{{ r.due }}</td></tr>{% endfor %}</table></body></html>"""


class Recommendation(BaseModel):
    """The one model: what the template shows of a recommendation (other keys are ignored)."""

    id: str
    title: str
    owner: str
    due: str


def main(folder: Path, out: Path) -> None:
    data = {}
    for name in FILES:
        with open(folder / name, encoding="utf-8") as f:
            data[name] = yaml.load(f, Loader=yaml.CSafeLoader)
    recs = [Recommendation.model_validate({k: str(v) for k, v in r.items()})
            for r in data["recommendations.yaml"]["recommendations"]]
    env = jinja2.Environment(autoescape=True)
    html = env.from_string(TEMPLATE).render(title=data["mission.yaml"]["title"], recs=recs)
    out.write_text(html, encoding="utf-8", newline="\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
