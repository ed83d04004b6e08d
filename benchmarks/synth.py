"""Generate a synthetic mission of a given size, for the benchmark.

At scale k: 30·k recommendations (one indicator every third), 10·k findings,
10·k questions and sessions, and 300·k journal entries, so that scale 100 is
about 3,000 recommendations and 30,000 journal entries.

    python benchmarks/synth.py OUT_DIR SCALE
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

THEMES = ["volunteers", "engagement", "hr", "governance", "scaling", "economic_model"]
STATUSES = ["in_progress", "in_progress", "blocked", "done", "todo"]


def generate(folder: Path, scale: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    n_recs, n_findings, n_sessions, n_entries = 30 * scale, 10 * scale, 10 * scale, 300 * scale
    start = date(2026, 1, 5)
    (folder / "mission.yaml").write_text(
        "schema_version: 1\n"
        f"title: Mission synthétique ×{scale}\n"
        "language: fr\n"
        "client:\n  name: Association de test\n  siret: \"84217100100014\"\n"
        "funding:\n  scheme: dla\n  operator: DLA 94\n  days: 5\n"
        "consultants:\n  - name: Camille Martin\n"
        "phases:\n"
        "  - id: cadrage\n    title: Cadrage\n    start: 2026-01-05\n    end: 2026-02-01\n"
        "  - id: suivi\n    title: Suivi\n    start: 2026-02-02\n    end: 2027-12-31\n"
        f"problem_areas: [{', '.join(THEMES)}]\n",
        encoding="utf-8",
    )
    (folder / "vision.yaml").write_text(
        "vision: Un territoire où chaque objet a une seconde vie.\n"
        "social_mission: Créer des emplois d'insertion et du lien social.\n"
        "dees:\n" + "".join(
            f"  {k}:\n    score: {i % 5}\n    evidence: Constat {i}.\n"
            for i, k in enumerate(["social_value", "opportunity", "innovation", "resourcefulness", "accountability"])
        ),
        encoding="utf-8",
    )
    lines = ["guide:"]
    for i in range(1, n_sessions + 1):
        lines += [f"  - id: Q{i}", "    phase: discover", f"    theme: {THEMES[i % 6]}",
                  f"    text: Racontez-moi un moment où l'équipe a réussi (question {i}).", ""]
    lines.append("participants:")
    lines += [f"  - id: P{i}\n    name: Personne {i}\n    consent: {'true' if i % 2 else 'false'}" for i in range(1, 11)]
    lines.append("sessions:")
    for i in range(1, n_sessions + 1):
        lines += [f"  - id: S{i}", f"    date: {start + timedelta(days=i % 60)}", "    kind: interview",
                  f"    participants: [P{i % 10 + 1}]", "    answers:", f"      - question: Q{i}",
                  f"        notes: Notes de l'entretien {i}.", ""]
    lines.append("findings:")
    for i in range(1, n_findings + 1):
        lines += [f"  - id: F{i}", "    kind: obstacle", f"    text: Constat numéro {i}.", f"    sources: [S{i}]", ""]
    (folder / "questions.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    lines = ["recommendations:"]
    for i in range(1, n_recs + 1):
        s = start + timedelta(days=30 + i % 200)
        lines += [f"  - id: R{i}", f"    title: Préconisation {i}", f"    theme: {THEMES[i % 6]}",
                  f"    because: [F{i % n_findings + 1}]", "    priority: medium",
                  f"    impact: {i % 5 + 1}", f"    effort: {(i * 7) % 5 + 1}", "    owner: Coordination",
                  f"    start: {s}", f"    due: {s + timedelta(days=120 + i % 90)}"]
        if i % 3 == 0:
            lines += ["    indicators:", f"      - id: I{i}", f"        name: Indicateur {i}",
                      "        baseline: 10", "        target: 40"]
        lines.append("")
    (folder / "recommendations.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    lines = []
    for i in range(n_entries):
        d = start + timedelta(days=40 + i * 300 // n_entries)
        rec = i % n_recs + 1
        if i % 10 == 9 and rec % 3 == 0:
            lines += [f"- date: {d}", f"  indicator: I{rec}", f"  value: {10 + i % 30}"]
        else:
            lines += [f"- date: {d}", f"  recommendation: R{rec}", f"  progress: {i * 7 % 100}"]
            if i % 5 == 0:
                lines.append(f"  status: {STATUSES[i // 5 % 5]}")
    (folder / "journal.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


if __name__ == "__main__":
    generate(Path(sys.argv[1]), int(sys.argv[2]))
