"""pmp import against hostile and sloppy files, written as a user's programs write them (issue 22).

Each test writes the file (a real e-mail built with the email package, a real
CSV, a real workbook via openpyxl), runs the real CLI on a copy of the example
mission, and asserts the message, the exit code, and that journal.yaml is
byte-identical after a refusal.
"""

from __future__ import annotations

import json
import os
from datetime import date
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import openpyxl
import pytest
from test_import_bad import exported

from pamplemousse.write.imports.formfile import MAX_ATTEMPTS

NB = "\u00a0"
SLUG = "ressourcerie-du-val"


@pytest.fixture
def ws(example: Path, monkeypatch) -> Path:
    monkeypatch.chdir(example.parent.parent)
    return example


def _form(**over) -> dict:
    form = {"pmp": "pmp-mises-a-jour", "version": 1, "mission": SLUG, "as_of": "2026-11-26", "written_on": "2026-12-01",
            "recommendations": [{"id": "R1", "status": "done"}], "indicators": [], "milestones": []}
    form.update(over)
    return form


def _json(ws: Path, form: dict, name: str = "mises-a-jour.json") -> str:
    path = ws.parent.parent / name
    path.write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    return name


def _email(form: dict | None, *photos: int) -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "sophie.lemoine@example.org", "claire.dubreuil@example.org", "Nouvelles"
    msg.set_content("Bonjour, voici nos mises à jour et une photo du Repair café.\n")
    if form is not None:
        msg.add_attachment(json.dumps(form).encode(), maintype="application", subtype="json", filename="mises-a-jour.json")
    for n, size in enumerate(photos):
        msg.add_attachment(os.urandom(1000) + bytes(size - 1000), maintype="image", subtype="jpeg", filename=f"photo-{n}.jpg")
    return msg


def _refused(pmp, ws: Path, name: str) -> list[str]:
    before = (ws / "journal.yaml").read_bytes()
    r = pmp("import", SLUG, name, "--yes", "--date", "2026-12-01")
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output
    assert (ws / "journal.yaml").read_bytes() == before
    lines = r.stderr.strip().splitlines()
    return [lines[0].split(":", 1)[1].lstrip(), *lines[1:]]  # without the « pmp : » every refusal starts with


# finding 4: an e-mail with a photo ------------------------------------------

def test_an_email_with_a_photo_over_2_mb_is_read_without_decoding_the_photo(ws, pmp):
    eml = ws.parent.parent / "message.eml"
    eml.write_bytes(_email(_form(), 3_000_000).as_bytes(policy=SMTP))
    assert eml.stat().st_size > 4_000_000
    r = pmp("import", SLUG, "message.eml", "--date", "2026-12-01")
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[2].split() == ["R1", "Statut", "en", "cours", "fait"]


def test_too_big_an_email_or_a_form_file_is_refused_naming_its_size(ws, pmp):
    eml = ws.parent.parent / "photos.eml"
    eml.write_bytes(_email(_form(), *[6_000_000] * 4).as_bytes(policy=SMTP))  # 32 MB once encoded
    assert _refused(pmp, ws, "photos.eml") == [
        f"photos.eml{NB}: e-mail trop gros (32{NB}Mo, limite 25{NB}Mo){NB}; enregistrez plutôt le fichier "
        ".json joint, ou transférez le message sans ses photos"]
    big = ws.parent.parent / "gros.json"
    big.write_text(json.dumps(_form(padding="x" * 3_000_000)), encoding="utf-8")
    assert _refused(pmp, ws, "gros.json")[0].endswith(
        f"gros.json{NB}: fichier trop gros pour un fichier du formulaire de mises à jour (3{NB}Mo, limite 2{NB}Mo)")


def test_an_email_whose_text_part_is_over_the_bound_says_so(ws, pmp):
    msg = _email(None)
    msg.add_attachment(("x" * 2_500_000 + json.dumps(_form())).encode(), maintype="application", subtype="json",
                       filename="mises-a-jour.json")
    (ws.parent.parent / "long.eml").write_bytes(msg.as_bytes(policy=SMTP))
    assert _refused(pmp, ws, "long.eml")[-1].endswith(
        f"long.eml{NB}: la partie de l’e-mail qui pourrait contenir le formulaire dépasse 2{NB}Mo{NB}; "
        "enregistrez plutôt le fichier .json joint")


# finding 5: a CSV cell over the csv module's limit, 2,000 nested multiparts -----------

def test_a_csv_cell_over_131072_characters_is_refused_with_its_line(ws, pmp):
    path = ws.parent.parent / "retour.csv"
    path.write_text("N°;Statut;Note\nR1;fait;ok\nR2;fait;" + "x" * 140_000 + "\n", encoding="utf-8")
    assert _refused(pmp, ws, "retour.csv") == [
        f"retour.csv{NB}: ligne 3{NB}: une cellule de plus de 131072 caractères (ou un guillemet jamais "
        f"fermé){NB}; ce n’est pas un plan d’action renvoyé par pmp"]


def test_an_email_of_2000_nested_multiparts_is_refused_in_one_line(ws, pmp):
    inner = _email(_form()).as_string(policy=SMTP)
    head = inner.split("\r\n\r\n", 1)[0]  # the headers the email package wrote; its body is nested below
    text = "\r\n".join(line for line in head.split("\r\n") if not line.lower().startswith(("content-type", " boundary")))
    text += "\r\nContent-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n"
    for n in range(1, 2000):  # what a mail program writes for a message forwarded as an attachment, 2,000 times
        text += f"--b{n - 1}\r\nContent-Type: multipart/mixed; boundary=\"b{n}\"\r\n\r\n"
    text += f"--b1999\r\nContent-Type: text/plain\r\n\r\n{json.dumps(_form())}\r\n"
    text += "".join(f"--b{n}--\r\n" for n in reversed(range(2000)))
    (ws.parent.parent / "imbrique.eml").write_text(text, encoding="utf-8", newline="")
    assert _refused(pmp, ws, "imbrique.eml") == [
        f"imbrique.eml{NB}: e-mail illisible, trop de parties imbriquées{NB}; "
        "enregistrez plutôt le fichier .json joint"]


# finding 6: the search for the form's block is linear --------------------------

@pytest.fixture
def parsed(monkeypatch) -> list[tuple[int, int]]:
    """Every attempt to parse a block, as (where it started, how many characters it read)."""
    attempts: list[tuple[int, int]] = []
    real = json.JSONDecoder.raw_decode

    def counting(self, s, idx=0):
        try:
            found, end = real(self, s, idx)
        except json.JSONDecodeError as err:
            attempts.append((idx, err.pos - idx))
            raise
        except Exception:
            attempts.append((idx, -1))
            raise
        attempts.append((idx, end - idx))
        return found, end

    monkeypatch.setattr(json.JSONDecoder, "raw_decode", counting)
    return attempts


def test_250000_starts_are_parsed_once_not_once_each(ws, pmp, parsed):
    (ws.parent.parent / "starts.json").write_text('{"pmp":' * 250_000, encoding="utf-8")
    assert _refused(pmp, ws, "starts.json")[-1].endswith(
        f"starts.json{NB}: les données du formulaire sont abîmées (blocs imbriqués trop profondément){NB}; "
        "renvoyez le fichier téléchargé tel quel")
    assert len(parsed) == 1  # the first start; never the 249,999 inside it


def test_starts_that_each_break_at_once_are_read_once_in_all(ws, pmp, parsed):
    text = '{"pmp": "pmp-mises-a-jour", ' * 60_000 + json.dumps(_form())
    (ws.parent.parent / "debut.txt").write_text(text, encoding="utf-8")
    assert _refused(pmp, ws, "debut.txt")[-1].endswith(
        f"debut.txt{NB}: les données du formulaire sont abîmées (Expecting property name enclosed in double quotes)"
        f"{NB}; renvoyez le fichier téléchargé tel quel")
    assert len(parsed) == MAX_ATTEMPTS  # then the file is refused, not read to its 60,000th start
    assert sum(read for _, read in parsed) <= len(text)  # no character parsed twice
    assert [start for start, _ in parsed] == sorted({start for start, _ in parsed})


def test_a_block_after_a_few_broken_starts_is_found(ws, pmp, parsed):
    text = '{"pmp": "pmp-mises-a-jour", ' * 3 + json.dumps(_form())  # a form pasted after a cut-off copy of it
    (ws.parent.parent / "colle.txt").write_text(text, encoding="utf-8")
    r = pmp("import", SLUG, "colle.txt", "--date", "2026-12-01")
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[2].split() == ["R1", "Statut", "en", "cours", "fait"]
    assert len(parsed) == 4


# finding 7 and the minor items: dates, duplicates, done beside a progress ---------

def test_a_form_dated_1800_is_refused_with_the_field(ws, pmp):
    lines = _refused(pmp, ws, _json(ws, _form(as_of="1800-01-01")))
    assert lines[1:] == [f"as_of{NB}: «{NB}1800-01-01{NB}»{NB}: pmp lit les dates des années 1900 à 2200"]
    lines = _refused(pmp, ws, _json(ws, _form(indicators=[{"id": "I4", "value": 50, "date": "2300-01-01"}])))
    assert lines[1:] == [f"indicateur I4, «{NB}Date de la mesure{NB}»{NB}: «{NB}2300-01-01{NB}»{NB}: pmp lit les dates "
                         "des années 1900 à 2200"]


def test_a_sheet_dated_1800_is_refused_with_its_cell(ws, pmp):
    path = exported(ws)
    wb = openpyxl.load_workbook(path)
    wb["Plan"]["C2"] = date(1800, 1, 1)
    wb.save(path)
    assert _refused(pmp, ws, path.name)[1:] == [
        f"Plan!C2{NB}: «{NB}1800-01-01{NB}»{NB}: pmp lit les dates des années 1900 à 2200"]


def test_a_milestone_met_and_missed_in_one_form_is_refused(ws, pmp):
    form = _form(milestones=[{"ref": "R9.1", "status": "met", "date": "2026-11-30"},
                             {"ref": "R9.1", "status": "missed", "date": "2026-11-30"}])
    assert _refused(pmp, ws, _json(ws, form))[1:] == [f"Jalons n° 2{NB}: «{NB}R9.1{NB}» apparaît deux fois dans le formulaire"]


def test_a_milestone_on_two_rows_of_the_sheet_is_refused(ws, pmp):
    path = exported(ws)
    wb = openpyxl.load_workbook(path)
    jalons = wb["Jalons"]
    row = next(r for r in range(5, jalons.max_row + 1) if jalons[f"A{r}"].value == "R9.1")
    jalons[f"E{row}"] = "tenu"
    extra = jalons.max_row + 1
    jalons[f"A{extra}"], jalons[f"E{extra}"] = "R9.1", "manqué"
    wb.save(path)
    assert _refused(pmp, ws, path.name)[1:] == [f"Jalons!A{extra}{NB}: «{NB}R9.1{NB}» apparaît deux fois (déjà en ligne {row})"]


def test_a_measure_without_a_date_in_a_file_without_written_on_is_refused(ws, pmp):
    form = _form(indicators=[{"id": "I4", "value": 52}])
    del form["written_on"]
    assert _refused(pmp, ws, _json(ws, form))[1:] == [
        f"indicateur I4, «{NB}Date de la mesure{NB}»{NB}: la mesure n’a pas de date, ni le fichier (written_on){NB}; "
        "ajoutez la date de la mesure"]


def test_a_measure_dated_by_written_on_is_imported_once_over_two_days(ws, pmp):
    name = _json(ws, _form(recommendations=[], indicators=[{"id": "I4", "value": 52}]))
    before = (ws / "journal.yaml").read_bytes()
    assert pmp("import", SLUG, name, "--yes", "--date", "2026-12-01").exit_code == 0
    once = (ws / "journal.yaml").read_bytes()
    assert once[len(before):].decode("utf-8").count("indicator: I4") == 1
    r = pmp("import", SLUG, name, "--yes", "--date", "2026-12-02")
    assert r.exit_code == 0 and (ws / "journal.yaml").read_bytes() == once


def test_done_beside_40_percent_takes_done_and_names_the_progress(ws, pmp):
    name = _json(ws, _form(recommendations=[{"id": "R3", "status": "done", "progress": 40}]))
    before = (ws / "journal.yaml").read_bytes()
    r = pmp("import", SLUG, name, "--yes", "--date", "2026-12-01")
    assert r.exit_code == 0, r.output
    assert (f"préconisation R3, «{NB}Avancement (%){NB}»{NB}: avancement «{NB}40{NB}%{NB}» non repris{NB}: "
            f"une préconisation «{NB}fait{NB}» est à 100{NB}%") in r.stdout.splitlines()
    added = (ws / "journal.yaml").read_bytes()[len(before):].decode("utf-8")
    assert "recommendation: R3" in added and "status: done" in added and "progress" not in added


# the ignored cells of a spreadsheet are named -----------------------------------

def test_every_cell_a_sheet_holds_but_pmp_does_not_take_is_named(ws, pmp):
    path = exported(ws)
    wb = openpyxl.load_workbook(path)
    wb["Plan"]["G7"], wb["Plan"]["H7"] = "fait", 0.4  # R3: fait, and 40 % where the sheet said 45 %
    wb["Plan"]["H6"] = "beaucoup"  # R2, already done: a bad value on a finished recommendation
    ind = wb["Indicateurs"]
    row = ind.max_row + 1
    ind[f"A{row}"], ind[f"G{row}"] = "I99", date(2026, 11, 30)  # an unknown indicator, no value
    ind[f"G{row + 1}"], ind[f"H{row + 1}"] = date(2026, 11, 30), 12  # a value, no indicator
    ind["I5"] = "Cohorte corrigée."  # the note of a measure the journal holds
    wb.save(path)
    r = pmp("import", SLUG, path.name, "--date", "2026-12-01")
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    for expected in [
        f"Plan!H6{NB}: avancement «{NB}beaucoup{NB}» non repris{NB}: une préconisation «{NB}fait{NB}» est à 100{NB}%",
        f"Plan!H7{NB}: avancement «{NB}40{NB}%{NB}» non repris{NB}: une préconisation «{NB}fait{NB}» est à 100{NB}%",
        f"Indicateurs!H{row}{NB}: pas de valeur, ligne non reprise (indicateur «{NB}I99{NB}»)",
        f"Indicateurs!A{row + 1}{NB}: ligne sans n° d’indicateur, non reprise",
        f"Indicateurs!I5{NB}: note d’une mesure déjà au journal, non reprise (pmp import ne modifie pas le journal{NB}; "
        "corrigez avec pmp log)",
    ]:
        assert expected in lines, "\n".join(lines)
    assert "R3  Statut  en cours  fait" in [line.replace(NB, " ") for line in lines]


def test_a_sheet_whose_headers_were_changed_is_named_as_not_read(ws, pmp):
    path = exported(ws)
    wb = openpyxl.load_workbook(path)
    wb["Indicateurs"]["H4"] = "Mesure"
    wb.save(path)
    r = pmp("import", SLUG, path.name, "--date", "2026-12-01")
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[0] == (
        f"feuille «{NB}Indicateurs{NB}» non lue{NB}: ses en-têtes (ligne 4) ne sont pas ceux que pmp a écrits")


def test_a_sheet_left_as_pmp_wrote_it_names_nothing(ws, pmp):
    r = pmp("import", SLUG, exported(ws).name, "--date", "2026-12-01")
    assert r.stdout == f"Aucune différence avec le journal{NB}: rien à importer.\n"


def test_a_date_or_note_added_to_a_settled_milestone_and_cells_past_the_blank_rows_are_named(ws, pmp):
    path = exported(ws)
    wb = openpyxl.load_workbook(path)
    jalons = wb["Jalons"]
    met = next(r for r in range(5, jalons.max_row + 1) if jalons[f"A{r}"].value == "R1.1")  # tenu on 2026-07-31
    jalons[f"F{met}"] = date(2026, 8, 2)
    pending = next(r for r in range(5, jalons.max_row + 1) if jalons[f"A{r}"].value == "R9.1")
    jalons[f"E{pending}"], jalons[f"G{pending}"] = None, "Presque publiée."
    wb["Plan"]["A130"], wb["Plan"]["G130"] = "R2", "fait"  # past 100 empty rows
    wb.save(path)
    before = (ws / "journal.yaml").read_bytes()
    r = pmp("import", SLUG, path.name, "--yes", "--date", "2026-12-01")
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[:3] == [
        f"Plan!A130{NB}: après plus de 100 lignes vides, non lu",
        f"Jalons!A{met}{NB}: le jalon R1.1 est déjà «{NB}tenu{NB}» au journal{NB}; sa date et sa note ne sont pas reprises",
        f"Jalons!E{pending}{NB}: jalon R9.1 sans état «{NB}tenu{NB}» ou «{NB}manqué{NB}», ligne non reprise",
    ]
    assert (ws / "journal.yaml").read_bytes() == before  # nothing else changed: nothing written
