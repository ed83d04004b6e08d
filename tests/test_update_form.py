"""`pmp import` of the update form's file: what it refuses, and where the form appears.

The browser side (fill, download, e-mail, import) is tests/test_update_form_browser.py.
"""

from __future__ import annotations

import json
from email.message import EmailMessage
from email.policy import SMTP

from conftest import snapshot, spaces

from pamplemousse.text.i18n import labels

SLUG = "ressourcerie-du-val"


def _form(**over) -> dict:
    form = {"pmp": "pmp-mises-a-jour", "version": 1, "mission": SLUG, "as_of": "2026-11-26", "written_on": "2026-12-01",
            "recommendations": [{"id": "R1", "status": "done"}], "indicators": [], "milestones": []}
    form.update(over)
    return form


def _write(tmp_path, form, name="mises-a-jour.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _refused(pmp, example, path) -> list[str]:
    before = snapshot(example)
    result = pmp("import", str(example), path, "--date", "2026-12-01", "--yes")
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert snapshot(example) == before  # nothing written
    return [spaces(line) for line in result.stderr.strip().splitlines()]


def test_a_form_made_for_another_mission_is_refused_naming_both(pmp, example, tmp_path):
    lines = _refused(pmp, example, _write(tmp_path, _form(mission="atelier-velo")))
    assert lines[-1].endswith(
        "ces mises à jour ont été préparées pour la mission « atelier-velo », pas pour « ressourcerie-du-val » ; "
        "importez-les dans atelier-velo (pmp import atelier-velo …)")


def test_every_bad_item_is_named_with_the_field_the_client_saw(pmp, example, tmp_path):
    form = _form(
        recommendations=[{"id": "R1", "status": "fini"}, {"id": "R3", "progress": 120}, {"id": "R33", "note": "x"}],
        indicators=[{"id": "I4", "value": "beaucoup", "date": "2026-12-01"}, {"id": "I9", "value": 3},
                    {"id": "I1", "value": 70, "date": "01/12/2026"}],
        milestones=[{"ref": "R1.3", "status": "fait"}, {"ref": "R1.9", "status": "met"}],
    )
    lines = _refused(pmp, example, _write(tmp_path, form))
    assert lines[0].endswith("mises-a-jour.json refusé, rien n’a été écrit dans le journal :")
    assert lines[1:] == [
        "préconisation R1, « Statut » : statut « fini » inconnu ; statuts possibles : à faire, en cours, fait, bloqué, "
        "abandonné",
        "préconisation R3, « Avancement (%) » : avancement « 120 % » illisible ; un pourcentage de 0 % à 100 % est attendu",
        "Préconisations en cours n° 3 : préconisation « R33 » inconnue dans la mission ; vouliez-vous dire « R3 » ?",
        "indicateur I4, « Nouvelle mesure » : mesure « beaucoup » illisible ; un nombre est attendu (57 ou 57,5)",
        "Indicateurs n° 2 : indicateur « I9 » inconnu dans la mission",
        "indicateur I1, « Date de la mesure » : « 01/12/2026 » n’est pas une date (AAAA-MM-JJ)",
        "jalon R1.3, « État du jalon » : état « fait » inconnu ; écrivez tenu, manqué",
        "Jalons n° 2 : jalon « R1.9 » inconnu dans la mission",
    ]


def test_a_damaged_file_and_a_file_without_the_form_are_refused_plainly(pmp, example, tmp_path):
    damaged = tmp_path / "mises-a-jour.json"
    damaged.write_text('{"pmp": "pmp-mises-a-jour", "version": 1, "mission": "ressourcerie-du-val", ', encoding="utf-8")
    assert _refused(pmp, example, str(damaged))[-1].endswith(
        "les données du formulaire sont abîmées (Expecting property name enclosed in double quotes) ; "
        "renvoyez le fichier téléchargé tel quel")
    other = tmp_path / "notes.txt"
    other.write_text("Bonjour, voici nos nouvelles : tout va bien.", encoding="utf-8")
    assert _refused(pmp, example, str(other))[-1].endswith(
        'notes.txt : ni un classeur (.xlsx, .ods, .csv), ni un fichier du formulaire de mises à jour de pmp '
        '(aucun bloc {"pmp": "pmp-mises-a-jour"…} trouvé)')
    newer = _write(tmp_path, _form(version=2), "v2.json")
    assert _refused(pmp, example, newer)[-1].endswith(
        "formulaire de version 2, que cette version de pmp ne lit pas (version 1 attendue)")


def test_numbers_json_allows_but_pmp_does_not(pmp, example, tmp_path):
    path = tmp_path / "inf.json"
    path.write_text(json.dumps(_form(indicators=[{"id": "I4", "value": 1e300}])), encoding="utf-8")
    assert _refused(pmp, example, str(path))[-1] == (
        "indicateur I4, « Nouvelle mesure » : mesure « 1e+300 » illisible ; un nombre est attendu (57 ou 57,5)")
    path.write_text(json.dumps(_form()).replace('"done"}', '"done", "progress": NaN}'), encoding="utf-8")
    assert "les données du formulaire sont abîmées (NaN)" in _refused(pmp, example, str(path))[-1]


def test_the_file_attached_to_an_email_is_read(pmp, example, tmp_path):
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "sophie.lemoine@example.org", "claire.dubreuil@example.org", "Mises à jour"
    msg.set_content("Bonjour, voici le fichier.\n")
    msg.add_attachment(json.dumps(_form()).encode(), maintype="application", subtype="json",
                       filename="mises-a-jour-ressourcerie-du-val-2026-12-01.json")
    eml = tmp_path / "message.eml"
    eml.write_bytes(msg.as_bytes(policy=SMTP))
    result = pmp("import", str(example), str(eml), "--date", "2026-12-01")
    assert result.exit_code == 0, result.output
    assert spaces(result.stdout.splitlines()[2]) == "R1  Statut  en cours  fait"


def test_the_form_is_in_the_client_copy_only(pmp, example, tmp_path):
    for audience, present in [("client", True), ("internal", False), ("funder", False)]:
        out = tmp_path / audience
        assert pmp("render", str(example), "--format", "html", "--audience", audience, "--as-of", "2026-11-26",
                   "-o", str(out)).exit_code == 0
        html = (out / "pilotage.html").read_text(encoding="utf-8")
        assert ('id="mises-a-jour"' in html) is present
        assert (labels("fr")["update"]["open"] in html) is present


def test_the_english_copy_gets_an_english_form(pmp, example, tmp_path):
    out = tmp_path / "out"
    assert pmp("render", str(example), "--format", "html", "--lang", "en", "--as-of", "2026-11-26",
               "-o", str(out)).exit_code == 0
    html = (out / "pilotage.html").read_text(encoding="utf-8")
    assert "Prepare my updates" in html and "Download my updates" in html and "Progress (%)" in html
    assert "Préparer" not in html and "Avancement (%)" not in html


def test_a_form_with_many_bad_items_shows_the_first_twenty_then_a_count(pmp, example, tmp_path):
    form = _form(recommendations=[{"id": f"X{n}"} for n in range(1, 24)])
    lines = _refused(pmp, example, _write(tmp_path, form))
    assert len(lines) == 1 + 20 + 1
    assert lines[-1] == "… et 3 autres problèmes"


def test_a_plan_with_nothing_to_update_offers_no_form(pmp, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert pmp("new-mission", "demo").exit_code == 0  # no recommendation yet
    assert pmp("render", "demo", "--format", "html").exit_code == 0
    html = (tmp_path / "missions" / "demo" / "out" / "pilotage.html").read_text(encoding="utf-8")
    assert labels("fr")["update"]["open"] not in html and 'id="mises-a-jour"' not in html
