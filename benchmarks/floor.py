"""The floor that `pmp render` is compared with: the least work a render could do.

Load the five YAML files with libyaml's safe loader, validate them with the
mission models, and render one template listing the recommendations. No
positions, no strictness, no plan, no charts.

    python benchmarks/floor.py MISSION_FOLDER OUT_FILE
"""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2
import yaml

from pamplemousse.read import model

TEMPLATE = """<!doctype html><html lang="fr"><body><h1>{{ m.title }}</h1><table>
{% for r in recs %}<tr><td>{{ r.id }}</td><td>{{ r.title }}</td><td>{{ r.owner }}</td>
<td>{{ r.due }}</td></tr>{% endfor %}</table></body></html>"""


def main(folder: Path, out: Path) -> None:
    data = {}
    for name, cls in model.FILES.items():
        with open(folder / name, encoding="utf-8") as f:
            raw = yaml.load(f, Loader=yaml.CSafeLoader)
        data[name] = cls.model_validate(_as_text(raw if raw is not None else []))
    env = jinja2.Environment(autoescape=True)
    html = env.from_string(TEMPLATE).render(
        m=data["mission.yaml"], recs=data["recommendations.yaml"].recommendations
    )
    out.write_text(html, encoding="utf-8")


def _as_text(value):
    """The safe loader turns dates and numbers into objects; the models read text."""
    if isinstance(value, dict):
        return {k: _as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_text(v) for v in value]
    return value if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
