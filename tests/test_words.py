"""Every word a user reads comes from the catalogs (text/i18n/fr.yaml and en.yaml): the --help texts in
the reader's language with a frame in the same language, and no sentence written in the code."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from pamplemousse.cli import app
from pamplemousse.text.i18n import help_texts

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pamplemousse"
NB = "\u00a0"
_SKIPPED_PARAMS = {"help", "install_completion", "show_completion"}


def _commands():
    """(path, Click command) for pmp and every command and subcommand."""
    found = []

    def walk(command, path):
        found.append((path, command))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return found


COMMANDS = _commands()


def _entries(lang, path):
    entries = help_texts(lang)
    for part in path:
        entries = entries[part]
    return entries


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_command_and_parameter_has_its_help_in_the_catalog(lang):
    missing = []
    for path, command in COMMANDS:
        try:
            entries = _entries(lang, path)
        except KeyError:
            missing.append(".".join(["help", *path]))
            continue
        if "_" not in entries:
            missing.append(".".join(["help", *path, "_"]))
        missing += [".".join(["help", *path, p.name]) for p in command.params
                    if p.name not in _SKIPPED_PARAMS and p.name not in entries]
    assert missing == []


def test_the_code_gives_no_help_text():
    """The help is the catalog's alone: a help= left in the code would hide a missing key."""
    for path, command in COMMANDS:
        for param in command.params:
            if param.name not in _SKIPPED_PARAMS:
                assert param.help is None, (path, param.name)


# --help in each language ------------------------------------------------------------------------

def _words(lang: str) -> set[str]:
    """The words of the catalog's help texts in `lang`."""
    found: set[str] = set()

    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        else:
            found.update(w.casefold() for w in re.findall(r"[^\W\d_]{3,}", value))

    walk(help_texts(lang))
    return found


# the names of the commands and options are the same in both languages (check, --read-only, --install-completion)
NAMES = {w.casefold() for path, command in COMMANDS for name in [*path, *(o for p in command.params for o in p.opts)]
         for w in re.findall(r"[^\W\d_]{3,}", name)}
FRENCH_ONLY = _words("fr") - _words("en") - NAMES
ENGLISH_ONLY = _words("en") - _words("fr") - NAMES
FRENCH_FRAME = re.compile(rf"Utilisation|Commandes|Afficher cette aide|obligatoire|par défaut|Aide{NB}:")
ENGLISH_FRAME = re.compile(r"Usage:|Options:|Arguments:|Commands:|Show this message|\[required\]|\[default|Try '")


def _pmp_help(pmp, monkeypatch, lang, args):
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", lang)
    done = pmp(*args, "--help")
    assert done.exit_code == 0, done.output
    return done.stdout


def _leftover(text: str, words: set[str]) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]{3,}", text) if w.casefold() in words}


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=lambda p: " ".join(p) or "pmp")
def test_help_under_an_english_locale_is_english_only(pmp, monkeypatch, path):
    out = _pmp_help(pmp, monkeypatch, "en_GB.UTF-8", path)
    assert out.startswith("Usage: pmp")
    assert _leftover(out, FRENCH_ONLY) == set()
    assert not FRENCH_FRAME.search(out)
    assert "Show this message and exit." in out


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=lambda p: " ".join(p) or "pmp")
def test_help_under_a_french_locale_is_french_only(pmp, monkeypatch, path):
    out = _pmp_help(pmp, monkeypatch, "fr_FR.UTF-8", path)
    assert out.startswith(f"Utilisation{NB}: pmp")
    assert _leftover(out, ENGLISH_ONLY) == set()
    assert not ENGLISH_FRAME.search(out)
    assert "Afficher cette aide et quitter." in out


def test_the_checks_above_can_fail():
    """The French text of an option is caught in English, and the other way round."""
    fr, en = help_texts("fr")["serve"]["read_only"], help_texts("en")["serve"]["read_only"]
    assert _leftover(fr, FRENCH_ONLY) and not _leftover(fr, ENGLISH_ONLY)
    assert _leftover(en, ENGLISH_ONLY) and not _leftover(en, FRENCH_ONLY)
    assert ENGLISH_FRAME.search("Usage: pmp serve") and FRENCH_FRAME.search(f"Utilisation{NB}: pmp")


def _console(*args: str, lang: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    env["LANG"] = lang
    return subprocess.run([sys.executable, "-m", "pamplemousse", *args], capture_output=True, text=True, env=env,
                          cwd=cwd)


def test_serve_help_through_the_console_in_each_language():
    english = _console("serve", "--help", lang="en_GB.UTF-8").stdout
    assert english.startswith("Usage: pmp serve [OPTIONS] [FOLDER]\n")
    assert "  --read-only      Without the journal's forms: nothing is written.\n" in english
    assert "[default: 8000]" in english and "Show this message and exit." in english and _leftover(english, FRENCH_ONLY) == set()
    french = _console("serve", "--help", lang="fr_FR.UTF-8").stdout
    assert french.startswith(f"Utilisation{NB}: pmp serve [OPTIONS] [DOSSIER]\n")
    assert f"  --read-only       Sans les formulaires du journal{NB}: rien n’est écrit.\n" in french
    assert f"[par défaut{NB}: 8000]" in french and "Afficher cette aide et quitter." in french and _leftover(french, ENGLISH_ONLY) == set()


def test_the_help_follows_the_language_of_the_mission_named(example_in_cwd, pmp, monkeypatch):
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    mission = example_in_cwd / "mission.yaml"
    mission.write_text(mission.read_text(encoding="utf-8").replace("\nlanguage: fr\n", "\nlanguage: en\n"),
                       encoding="utf-8")
    out = pmp("render", "ressourcerie-du-val", "--help").stdout
    assert out.startswith("Usage: pmp render [OPTIONS] [MISSION]")
    assert "  --doc TEXT " in out and _leftover(out, FRENCH_ONLY) == set()
    wrong = pmp("log", "ressourcerie-du-val", "--bogus")
    assert wrong.exit_code == 2 and wrong.stderr.splitlines()[-1] == "Error: No such option: --bogus"
    assert pmp("render", "--help").stdout.startswith(f"Utilisation{NB}: pmp render")  # no mission: the locale's


def test_a_usage_error_in_each_language():
    french = _console("render", "--dock", "rapport", lang="fr_FR.UTF-8")
    assert french.returncode == 2
    assert french.stderr.splitlines() == [
        f"Utilisation{NB}: pmp render [OPTIONS] [MISSION]", f"Aide{NB}: pmp render -h",
        f"pmp : option inconnue{NB}: --dock{NB}; vouliez-vous dire --doc, --force{NB}?"]
    english = _console("render", "--dock", "rapport", lang="en_GB.UTF-8")
    assert english.returncode == 2
    assert english.stderr.splitlines() == [
        "Usage: pmp render [OPTIONS] [MISSION]", "Try 'pmp render -h' for help.",
        "Error: No such option: --dock (Possible options: --doc, --force)"]
    assert _console("render", "--doc", lang="en_GB.UTF-8").stderr == "Error: Option --doc requires an argument.\n"


# no sentence in the code ---------------------------------------------------------------------------

# a letter, a space, a letter ("not found"), a space before : ; ? ! (French typography, but not « pmp : »,
# the name that begins pmp's messages), or what only French writes (é, «, ’)
_SENTENCE = re.compile(r"[^\W\d_][ \u00a0][^\W\d_]|(?<!^pmp)[ \u00a0][:;?!]|[À-ÿŒœ«»’]")
_MARKUP = re.compile(r"<[a-zA-Z!/]|=\"|\{[a-z-]+:|^[\w.-]+ *\{|@media|@page")  # HTML, SVG and CSS
# a programming error's message, never a user's (a crash shows pmp's apology and a report file, not this);
# pydantic's message, never shown (pmp words the problem from the error's type: read/load.py)
_NOT_SHOWN = {"ValueError", "TypeError", "AssertionError", "RuntimeError", "KeyError", "NotImplementedError",
              "AttributeError", "PydanticCustomError"}
# Words a user never reads, each for its reason
ALLOWED = {
    # Rich's styles, and the paragraph and table styles of Word and LibreOffice (their own names)
    "bold red", "bold underline", "List Bullet", "Table Grid", "Text Body", "Table Contents", "Table Heading",
    "List Number", "Text Body Strong", "Text Body Note", "Strong Emphasis",
    # the separators a name's words may be joined by (apostrophes and primes), matched in read/matching.py
    "'\u2019\u2018\u02bc\u02b9`\u00b4\u2032",
    "0.5pt solid #888888",
    # font stacks of the charts and of the PDF
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
    '"Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", sans-serif',
    # PyYAML's and pydantic's messages, matched to put pmp's words in their place (read/yamlread.py, read/values.py)
    "mapping values are not allowed", "single document", "another document", "nesting depth", "expected key",
    "block end", "could not find expected ':'", "simple key", "end of stream", "quoted scalar",
    # git's attributes (syntax read by git, and looked for in a workspace's .gitattributes)
    "journal.yaml merge=union", "/**/journal.yaml merge=union", "*.yaml merge=union",
    # the crash report's folder refused: caught in cli/app.py, the report is then not written
    "is not a folder of its own",
    # CSS classes of the charts, and the calendar's product identifier (PRODID)
    "criterion gap", "pmp-chart pmp-", "-//pamplemousse//outil de pilotage//{lang}",
}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _not_shown(tree: ast.AST) -> set[int]:
    """The strings of `raise ValueError(…)` and the like (_NOT_SHOWN)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            func = node.exc.func
            if getattr(func, "id", getattr(func, "attr", "")) in _NOT_SHOWN:
                found |= {id(n) for n in ast.walk(node.exc)}
    return found


def sentences_in_code(files) -> list[str]:
    """Each string constant that reads as words (`file:line: text`), outside docstrings, markup, programming
    errors and ALLOWED."""
    found = []
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree) | _not_shown(tree)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
                    and len(node.value.strip()) > 2  # a character in a table (’, «, œ): data, not words
                    and _SENTENCE.search(node.value) and not _MARKUP.search(node.value)
                    and node.value.strip() not in ALLOWED):
                where = path.relative_to(PACKAGE) if PACKAGE in path.parents else path.name
                found.append(f"{where}:{node.lineno}: {node.value!r}")
    return found


def test_no_sentence_is_written_in_the_code_outside_text():
    """Every word a user reads is a catalog's (text/i18n/fr.yaml and en.yaml, through text/messages.py)."""
    files = [p for p in sorted(PACKAGE.rglob("*.py")) if PACKAGE / "text" not in p.parents]
    found = sentences_in_code(files)
    assert found == [], "\n".join(found)


def test_the_scan_above_finds_a_sentence(tmp_path):
    code = tmp_path / "m.py"
    code.write_text('"""A docstring is for programmers."""\n'
                    'def f(x):\n'
                    '    """So is this one."""\n'
                    '    if x:\n'
                    '        raise ValueError(f"unknown value {x}")\n'
                    '    style = "bold red"\n'
                    '    return f"{x} : aucune mission ici", "<p class=\\"a b\\">", "pmp", "a_b"\n', encoding="utf-8")
    assert [line.split(": ", 1)[1] for line in sentences_in_code([code])] == ["' : aucune mission ici'"]


def test_a_warning_is_tagged_in_the_mission_language(example_in_cwd, pmp):
    french = pmp("check", "ressourcerie-du-val").stdout
    assert f": avertissement{NB}: la préconisation R10 n'a aucun indicateur\n" in french
    mission = example_in_cwd / "mission.yaml"
    mission.write_text(mission.read_text(encoding="utf-8").replace("\nlanguage: fr\n", "\nlanguage: en\n"),
                       encoding="utf-8")
    english = pmp("check", "ressourcerie-du-val").stdout
    assert ":5: warning: recommendation R10 has no indicator\n" in english and "avertissement" not in english
