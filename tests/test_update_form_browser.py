"""The client's update form, used as the client uses it: on a phone (390 px), in Debian's Chromium.

The client opens the client copy of pilotage.html from its file, presses
« Préparer mes mises à jour », changes three statuses (R1 done, R3 blocked at
60 % with a note, R8 dropped), types a new measure of I4 (« 51,5 ») and marks
the milestone R1.3 met. The
page offers the file (« Télécharger mes mises à jour ») and a mailto link
(« Envoyer par e-mail ») holding the same data, readable by a person. Then the
consultant imports the downloaded file, and the saved e-mail, with `pmp import`:
the same table of differences, the journal holds the entries, a second import
adds nothing.
"""

from __future__ import annotations

import json
import shutil
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from conftest import EXAMPLE, located, spaces
from test_browser import AXE, BOXES_PAST_THE_EDGE, CHROMIUM_ARGS, PHONE

from pamplemousse.read.load import load_mission
from pamplemousse.text.i18n import labels

AS_OF = "2026-11-26"
TODAY = "2026-12-01"  # the phone's clock, fixed in the page (the form dates its measures and milestones today)
SLUG = EXAMPLE.name

pytestmark = pytest.mark.needs("chromium", "axe-core")  # axe-core: the opened form, as a screen reader meets it


def _workspace(root: Path) -> Path:
    shutil.copytree(EXAMPLE, root / "missions" / SLUG, ignore=shutil.ignore_patterns("out"))
    return root


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    """The form filled at 390 px: the downloaded file, the mailto link, and what the page showed."""
    from playwright.sync_api import sync_playwright

    from pamplemousse.cli import run

    root = _workspace(tmp_path_factory.mktemp("form"))
    assert run(["render", str(root / "missions" / SLUG), "--format", "html", "--as-of", AS_OF, "-o", str(root / "out")]) == 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=located("chromium"), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=PHONE, accept_downloads=True, locale="fr-FR", timezone_id="Europe/Paris")
        context.add_init_script(f"""(() => {{ const T = new Date("{TODAY}T10:00:00").getTime(); const D = Date;
          window.Date = class extends D {{ constructor(...a) {{ super(...(a.length ? a : [T])); }} static now() {{ return T; }} }}; }})()""")
        requests: list[str] = []
        url = (root / "out" / "pilotage.html").as_uri()
        context.route("**/*", lambda route: route.continue_() if route.request.url.split("?")[0].split("#")[0] == url
                      else (requests.append(route.request.url), route.abort()))
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(url)
        seen: dict = {"form_hidden_first": page.locator("#mises-a-jour").is_hidden()}
        page.get_by_role("button", name=labels("fr")["update"]["open"]).click()
        seen["form_shown"] = page.locator("#mises-a-jour").is_visible()
        rec = lambda rid: page.locator(f'.update-rec[data-id="{rid}"]')  # noqa: E731
        rec("R1").get_by_label("Statut").select_option(label="fait")
        rec("R3").get_by_label("Statut").select_option(label="bloqué")
        rec("R3").get_by_label("Avancement (%)").fill("60")
        rec("R8").get_by_label("Statut").select_option(label="abandonné")
        rec("R3").get_by_label("Note").fill("Quatrième Repair café : 6 inscrits.")
        page.locator('.update-indicator[data-id="I4"]').get_by_label("Nouvelle mesure (bénévoles)").fill("51,5")
        page.locator('.update-milestone[data-id="R1.3"]').get_by_label("Tenu", exact=True).check()
        seen["status"] = page.locator(".update-status").inner_text()
        seen["past_the_edge"] = page.evaluate(BOXES_PAST_THE_EDGE)
        page.add_script_tag(path=str(AXE))  # the opened form, as a screen reader meets it
        found = page.evaluate("async () => await axe.run('#mises-a-jour', {resultTypes: ['violations']})")
        seen["axe"] = [(v["id"], v["impact"], [" ".join(map(str, n["target"])) for n in v["nodes"]][:3])
                       for v in found["violations"] if v["impact"] in ("serious", "critical")]
        seen["page_width"] = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        seen["controls_visible"] = all(
            page.get_by_role("button", name=name).is_visible() for name in ("Télécharger mes mises à jour",)
        ) and page.get_by_role("link", name="Envoyer par e-mail").is_visible()
        with page.expect_download() as download:
            page.get_by_role("button", name="Télécharger mes mises à jour").click()
        seen["file_name"] = download.value.suggested_filename
        saved = root / seen["file_name"]
        download.value.save_as(saved)
        seen["mailto"] = page.get_by_role("link", name="Envoyer par e-mail").get_attribute("href")
        # a progress over 100 is refused in the page itself: no file, and the status says why
        rec("R5").get_by_label("Avancement (%)").fill("120")
        seen["invalid_status"] = page.locator(".update-status").inner_text()
        late: list = []
        page.on("download", lambda d: late.append(d))
        page.get_by_role("button", name="Télécharger mes mises à jour").click()
        page.wait_for_timeout(500)
        seen["download_when_invalid"] = len(late)
        seen["errors"], seen["requests"] = errors, requests
        browser.close()
    return {"root": root, "file": saved, **seen}


def test_the_form_opens_from_its_button_and_fits_a_phone(filled):
    assert filled["form_hidden_first"] and filled["form_shown"]
    assert filled["past_the_edge"] == []
    assert filled["page_width"][0] <= filled["page_width"][1] + 1
    assert filled["controls_visible"]
    assert filled["errors"] == [] and filled["requests"] == []
    assert filled["status"] == "5 mises à jour prêtes."
    assert filled["axe"] == []


def test_the_downloaded_file_holds_exactly_what_the_client_changed(filled):
    assert filled["file_name"] == f"mises-a-jour-{SLUG}-{TODAY}.json"
    data = json.loads(filled["file"].read_text(encoding="utf-8"))
    assert data == {
        "pmp": "pmp-mises-a-jour", "version": 1, "mission": SLUG, "as_of": AS_OF, "written_on": TODAY,
        "recommendations": [{"id": "R1", "status": "done"},
                            {"id": "R3", "status": "blocked", "progress": 60, "note": "Quatrième Repair café : 6 inscrits."},
                            {"id": "R8", "status": "dropped"}],
        "indicators": [{"id": "I4", "value": 51.5, "date": TODAY}],
        "milestones": [{"ref": "R1.3", "status": "met", "date": TODAY}],
    }


def test_the_email_is_readable_and_carries_the_same_data(filled):
    link = urlsplit(filled["mailto"])
    assert link.scheme == "mailto" and unquote(link.path) == "claire.dubreuil@example.org,yanis.ferrand@example.org"
    query = parse_qs(link.query)
    assert query["subject"] == ["Mises à jour – La Ressourcerie du Val – 1er décembre 2026"]
    body = query["body"][0]
    lines = body.split("\r\n")
    assert lines[0] == "Bonjour,"
    assert spaces(lines[2]) == ("Voici nos mises à jour de l’outil de pilotage « Engagement bénévole et essaimage de la "
                                "Ressourcerie du Val » (état au 26 novembre 2026), saisies le 1er décembre 2026 :")
    assert [spaces(line) for line in lines[4:9]] == [
        "- R1 · Créer un parcours d’accueil des nouveaux bénévoles — statut : fait",
        "- R3 · Faire des Repair cafés la porte d’entrée de l’engagement — statut : bloqué ; avancement : 60 % ; "
        "note : « Quatrième Repair café : 6 inscrits. »",
        "- R8 · Formaliser le modèle à essaimer et le cadre de l’antenne — statut : abandonné",
        "- I4 · Bénévoles actifs (au moins une présence dans le mois) — nouvelle mesure : 51,5 bénévoles le 1er décembre 2026",
        "- R1.3 · Bilan des points à un mois — tenu le 1er décembre 2026",
    ]
    data = json.loads(body[body.index('{\n "pmp"'):])
    assert data == json.loads(filled["file"].read_text(encoding="utf-8"))


def test_a_progress_over_100_gives_no_file(filled):
    assert filled["invalid_status"] == "Corrigez le champ signalé avant d’envoyer."
    assert filled["download_when_invalid"] == 0


EXPECTED_TABLE = [
    "R1    Statut      en cours                                                      fait",
    "R3    Statut      en cours                                                      bloqué",
    "R3    Avancement  45 %                                                          60 %",
    "R3    Note        Trois Repair cafés découverte tenus ; 11 nouveaux bénévoles…  Quatrième Repair café : 6 inscrits.",
    "R8    Statut      en cours                                                      abandonné",
    "I4    Mesure      47                                                            51,5",
    "R1.3  Jalon       à venir                                                       tenu",
]


def _import(pmp, root: Path, path: Path, *more: str):
    return pmp("import", str(root / "missions" / SLUG), str(path), "--date", TODAY, *more)


def test_pmp_import_reads_the_downloaded_file_into_the_journal(filled, pmp, tmp_path):
    root = _workspace(tmp_path)
    journal = root / "missions" / SLUG / "journal.yaml"
    before = journal.read_bytes()
    shown = _import(pmp, root, filled["file"])
    assert shown.exit_code == 0, shown.output
    assert [spaces(line) for line in shown.stdout.splitlines()[2:9]] == EXPECTED_TABLE
    assert spaces(shown.stdout.splitlines()[9]) == "Formulaire de l’état du 26 novembre 2026 ; entrées datées du 1er décembre 2026."
    assert journal.read_bytes() == before  # without --yes nothing is written
    done = _import(pmp, root, filled["file"], "--yes")
    assert done.exit_code == 0, done.output
    mission, _ = load_mission(root / "missions" / SLUG)
    added = mission.journal[-5:]
    assert [(str(e.date), e.recommendation, e.status, e.progress, e.note) for e in added[:3]] == [
        (TODAY, "R1", "done", None, None), (TODAY, "R3", "blocked", 60, "Quatrième Repair café : 6 inscrits."),
        (TODAY, "R8", "dropped", None, None)]
    assert (str(added[3].date), added[3].indicator, added[3].value) == (TODAY, "I4", 51.5)
    assert (str(added[4].date), added[4].milestone, added[4].status) == (TODAY, "R1.3", "met")
    again = _import(pmp, root, filled["file"], "--yes")
    assert again.exit_code == 0 and again.stdout.strip() == labels("fr")["import"]["no_change"]


def _email(body: str, flowed: bool) -> bytes:
    """The message as a mail client saves it (.eml): quoted-printable, long lines wrapped when flowed."""
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "sophie.lemoine@example.org", "claire.dubreuil@example.org", "Mises à jour"
    if flowed:
        wrapped = []
        for line in body.split("\r\n"):
            while len(line) > 60 and (cut := line.rfind(" ", 0, 60)) > 0:
                wrapped.append(line[:cut + 1])  # a soft break: the line ends with its space (RFC 3676)
                line = line[cut + 1:]
            wrapped.append(line)
        msg.set_content("\n".join(wrapped), cte="quoted-printable")
        msg.replace_header("Content-Type", 'text/plain; charset="utf-8"; format=flowed')
    else:
        msg.set_content(body.replace("\r\n", "\n"), cte="quoted-printable")
    return msg.as_bytes(policy=SMTP)


@pytest.mark.parametrize("flowed", [False, True], ids=["plain", "format-flowed"])
def test_pmp_import_reads_the_saved_email(filled, pmp, tmp_path, flowed):
    root = _workspace(tmp_path)
    body = parse_qs(urlsplit(filled["mailto"]).query)["body"][0]
    eml = tmp_path / "mises-a-jour.eml"
    eml.write_bytes(_email(body, flowed))
    assert b"=C3=A9" in eml.read_bytes()  # really quoted-printable, as mail clients save it
    shown = _import(pmp, root, eml, "--yes")
    assert shown.exit_code == 0, shown.output
    assert [spaces(line) for line in shown.stdout.splitlines()[2:9]] == EXPECTED_TABLE
    assert "5 entrées ajoutées" in shown.stdout
