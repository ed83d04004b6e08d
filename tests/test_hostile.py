"""Hostile and half-edited files: each gets one clear line at its place, exit 1, nothing written.

Every case edits `mission.yaml` of a copy of the example mission, runs `pmp check`
through the real entry point and asserts the exit code, the exact
`file:line:col: message` line, the absence of a traceback, and that no file of
the workspace changed.
"""

from __future__ import annotations

import pytest
from conftest import snapshot

HEAD = "schema_version: 1\ntitle: Mission\nclient:\n  name: La Ressourcerie du Val\n"  # 4 lines
F = "missions/ressourcerie-du-val/mission.yaml"


def case(text: str | bytes, line: int, col: int, message: str):
    return pytest.param(text, f"{F}:{line}:{col}: {message}", id=message[:40])


CASES = [
    case(HEAD + "title: Autre\n", 5, 1, "clé « title » en double (première définition ligne 2)"),
    case(HEAD + "[a, b]: c\n", 5, 1, "une clé doit être un simple mot, pas une liste ni un dictionnaire"),
    case(HEAD + "{a: b}: c\n", 5, 1, "une clé doit être un simple mot, pas une liste ni un dictionnaire"),
    case(HEAD.replace("schema_version: 1", "schema_version: yes"), 1, 17,
         "« schema_version » doit être un nombre entier"),
    case(HEAD + "funding:\n  days: .nan\n", 6, 9,
         "« days » doit être un nombre (par exemple 12 ou 12.5)"),
    case(HEAD + "funding:\n  scheme: off\n", 6, 11,
         "valeur inconnue pour « scheme » ; valeurs possibles : dla, other"),
    case(HEAD + "phases:\n  - id: cadrage\n    title: Cadrage\n    start: 2026-13-01\n", 8, 12,
         "« start » : cette date n'existe pas"),
    case(HEAD + "phases:\n  - id: cadrage\n    title: Cadrage\n    start: 10:30\n", 8, 12,
         "« start » doit être une date AAAA-MM-JJ (par exemple 2026-03-01)"),
    case(HEAD + "language: !!python/name:os.system fr\n", 5, 11,
         "étiquette YAML (« ! ») non acceptée ; écrivez la valeur seule"),
    case(HEAD + "funding: &f\n  scheme: dla\n", 5, 10, "ancre YAML (« & ») non acceptée ; recopiez la valeur"),
    case(HEAD + "<<: {language: fr}\n", 5, 1, "clé de fusion « << » non acceptée ; recopiez les clés"),
    case(HEAD + "consultants: " + "[" * 5000 + "]" * 5000 + "\n", 5, 1013, "imbrication trop profonde"),
    case(HEAD + "\ttitle: x\n", 5, 1, "tabulation dans l'indentation ; YAML n'accepte que des espaces"),
    case(HEAD.encode() + "title2: Ressourcerie \xe0 Vitry\n".encode("latin-1"), 5, 22,
         "octet invalide en UTF-8 ici ; enregistrez le fichier en UTF-8"),
    case(HEAD + "funding:\n  operator: DLA\x00 94\n", 6, 16, "caractère interdit (U+0000) ; supprimez-le"),
    case(HEAD.encode() + b"funding:\n  operator: DLA \xed\xa0\x80\n", 6, 17,
         "octet invalide en UTF-8 ici ; enregistrez le fichier en UTF-8"),
    case(HEAD + 'funding:\n  operator: "DLA \\ud800"\n', 6, 20,
         "séquence d'échappement invalide dans un texte entre guillemets"),
    case(HEAD + "funding:\n  operator: DLA \u202e49\n", 6, 17, "caractère interdit (U+202E) ; supprimez-le"),
    case(HEAD + 'funding:\n  operator: "DLA \\u202e49"\n', 6, 13, "caractère interdit (U+202E) ; supprimez-le"),
    case(HEAD + "---\ntitle: b\n", 5, 1, "plusieurs documents YAML dans un seul fichier (« --- ») ; gardez-en un seul"),
    case("", 1, 1, "fichier vide : il doit contenir des clés et des valeurs (clé: valeur)"),
    case("- schema_version: 1\n", 1, 1, "« mission.yaml » doit contenir des clés et des valeurs (clé: valeur)"),
    case(HEAD.replace("title: Mission", "title:"), 2, 7, "« title » est vide ; il faut une valeur"),
    case(HEAD + "probleme_areas: [hr]\n", 5, 1,
         "clé inconnue « probleme_areas » ; vouliez-vous dire « problem_areas » ?"),
    case(HEAD.replace("title: Mission", "title: Objectif : réussir"), 2, 17,
         "« : » suivi d'une espace dans une valeur ; mettez la valeur entre guillemets (\"Objectif : …\")"),
    case(HEAD + "funding:operator\n", 5, 1, "« : » attendu après la clé ; un deux-points doit être suivi "
         "d'une espace (clé: valeur)"),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_hostile_mission_file(example, monkeypatch, pmp, text, expected):
    workspace = example.parent.parent
    target = example / "mission.yaml"
    if isinstance(text, bytes):
        target.write_bytes(text)
    else:
        target.write_text(text, encoding="utf-8")
    monkeypatch.chdir(workspace)
    before = snapshot(workspace)
    result = pmp("check", "missions/ressourcerie-du-val")
    assert result.exit_code == 1
    errors = [line.replace("\u00a0", " ") for line in result.stdout.splitlines() if line.startswith(F)]
    assert errors == [expected]
    assert "Traceback" not in result.output
    assert snapshot(workspace) == before


def test_alias_bomb_is_refused_at_its_anchors_and_aliases(example, monkeypatch, pmp):
    (example / "mission.yaml").write_text("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", encoding="utf-8")
    monkeypatch.chdir(example.parent.parent)
    result = pmp("check", "missions/ressourcerie-du-val")
    assert result.exit_code == 1
    errors = [line.replace("\u00a0", " ") for line in result.stdout.splitlines() if line.startswith(F)]
    assert errors[:2] == [f"{F}:1:4: ancre YAML (« & ») non acceptée ; recopiez la valeur",
                          f"{F}:2:4: ancre YAML (« & ») non acceptée ; recopiez la valeur"]
    assert all("YAML" in e for e in errors)


def test_file_over_the_size_cap(example, monkeypatch, pmp):
    monkeypatch.chdir(example.parent.parent)
    monkeypatch.setattr("pamplemousse.read.yamlread.MAX_BYTES", 1000)
    result = pmp("check", "missions/ressourcerie-du-val")
    assert result.exit_code == 1
    assert "missions/ressourcerie-du-val/questions.yaml:1:1: fichier trop gros (" in result.stdout
    assert "octets, limite 1000)\u00a0: pmp ne le lit pas" in result.stdout


def test_word_processor_text_is_kept_as_typed(example, monkeypatch, pmp):
    """A BOM, no-break spaces and smart quotes pasted from Word are fine."""
    text = "\ufeff" + HEAD.replace("title: Mission", "title: « Bénévoles » et l’“élan”\u00a0!")
    (example / "mission.yaml").write_bytes(text.encode("utf-8"))
    monkeypatch.chdir(example.parent.parent)
    result = pmp("check", "missions/ressourcerie-du-val")
    assert result.exit_code == 0, result.output
    from pamplemousse.read.load import load_mission

    mission, _ = load_mission(example)
    assert mission.meta.title == "« Bénévoles » et l’“élan”\u00a0!"


def test_every_problem_at_once_sorted(example, monkeypatch, pmp):
    (example / "mission.yaml").write_text(HEAD + "titel: x\n", encoding="utf-8")
    journal = example / "journal.yaml"
    journal.write_text(journal.read_text(encoding="utf-8") + "- date: 2026-11-31\n  recommendation: R1\n",
                       encoding="utf-8")
    monkeypatch.chdir(example.parent.parent)
    result = pmp("check", "missions/ressourcerie-du-val")
    errors = [line for line in result.stdout.splitlines() if ": avertissement" not in line and line.startswith("missions")]
    assert [e.split(":")[0].rsplit("/", 1)[1] for e in errors] == ["journal.yaml", "mission.yaml"]
    assert errors[0].replace("\u00a0", " ").endswith("« date » : cette date n'existe pas")


def test_unknown_mission_is_a_usage_error(tmp_path, monkeypatch, pmp):
    monkeypatch.chdir(tmp_path)
    result = pmp("check", "nulle-part")
    assert result.exit_code == 2
    assert result.stderr.strip() == "pmp : nulle-part\u00a0: aucune mission ici (pas de mission.yaml)"


def test_unexpected_error_gives_an_apology_and_a_report(example, monkeypatch, pmp, tmp_path):
    def boom(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr("pamplemousse.read.load.load_mission", boom)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.chdir(example.parent.parent)
    result = pmp("check", "missions/ressourcerie-du-val")
    assert result.exit_code == 4
    assert "Traceback" not in result.output
    assert result.stderr.startswith("pmp : désolé, une erreur inattendue s'est produite\u00a0; rien n'a été modifié.")
    reports = list((tmp_path / "pamplemousse").glob("erreur-*.txt"))
    assert len(reports) == 1 and "RuntimeError: bug" in reports[0].read_text(encoding="utf-8")


def test_an_impossible_date_on_the_command_line_is_named_so(example, monkeypatch, pmp):
    monkeypatch.chdir(example.parent.parent)
    result = pmp("render", "missions/ressourcerie-du-val", "--as-of", "2026-02-30")
    assert result.exit_code == 2
    assert result.stderr == "pmp : --as-of 2026-02-30\u00a0: cette date n'existe pas\n"
    assert not (example / "out").exists()
