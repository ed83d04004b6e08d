"""Time `pmp import` on the hostile files of issue 22, each just under its size bound, and print a table.

    python benchmarks/hostile_import.py

Each file is imported by a fresh process into a copy of the example mission
(start-up included); the target is under 2 s each. Nothing here fails a test:
tests/test_import_hostile.py asserts the behaviour (the refusal, the number of
parse attempts), this prints the figures.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLUG = "ressourcerie-du-val"
FORM = {"pmp": "pmp-mises-a-jour", "version": 1, "mission": SLUG, "as_of": "2026-11-26", "written_on": "2026-12-01",
        "recommendations": [{"id": "R1", "status": "done"}], "indicators": [], "milestones": []}


def _email(photo: int) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "a@example.org", "b@example.org", "Mises à jour"
    msg.set_content("Bonjour,\n")
    msg.add_attachment(json.dumps(FORM).encode(), maintype="application", subtype="json", filename="m.json")
    msg.add_attachment(bytes(photo), maintype="image", subtype="jpeg", filename="photo.jpg")
    return msg.as_bytes(policy=SMTP)


FILES = {
    "250,000 starts {\"pmp\": (1.75 MB)": ("starts.json", b'{"pmp":' * 250_000),
    "chain of form starts (2 MB)": ("chain.txt", b'{"pmp": "pmp-mises-a-jour", "x": ' * 62_000),
    "starts that break at once (2 MB)": ("broken.txt", b'{"pmp":}' * 260_000),
    "a million < in an HTML part": ("tags.eml", b"Content-Type: text/html\n\n" + b"<" * 2_000_000),
    "e-mail with an 18 MB photo (24 MB)": ("photo.eml", _email(18_000_000)),
    "CSV cell of 140,000 characters": ("cell.csv", b"N\xc2\xb0;Statut\nR1;" + b"x" * 140_000 + b"\n"),
}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "missions" / SLUG, work / "missions" / SLUG, ignore=shutil.ignore_patterns("out"))
        print(f"{'file':40} {'size':>9} {'seconds':>8}  exit")
        for label, (name, data) in FILES.items():
            (work / name).write_bytes(data)
            start = time.perf_counter()
            r = subprocess.run([sys.executable, "-m", "pamplemousse", "import", SLUG, name], cwd=work,
                               capture_output=True, text=True)
            took = time.perf_counter() - start
            print(f"{label:40} {len(data) / 2**20:8.2f}M {took:8.2f}  {r.returncode}")


if __name__ == "__main__":
    main()
