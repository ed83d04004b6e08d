"""The `pmp` application: its options, the shared helpers of the commands, and the one error handler.

Only this module prints or exits. Heavy modules (pydantic, yaml, jinja2, babel)
are imported inside the commands so that `pmp --help` stays light.

Exit codes: 0 success · 1 problems found in the missions · 2 bad usage or
unreadable input · 3 refused write · 4 unexpected error (a report file is written).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from pamplemousse.cli.words import PmpCommand, PmpGroup, install, restore, usage_error, user_lang
from pamplemousse.errors import (
    EXIT_OK,
    EXIT_USAGE,
    MissionProblems,
    PmpError,
    UsageError,
)

EXIT_CRASH = 4

class PmpTyper(typer.Typer):
    """Typer whose groups and commands speak the user's language (cli/words.py)."""

    def __init__(self, *args, cls=None, **kw):
        super().__init__(*args, cls=cls or PmpGroup, **kw)

    def command(self, *args, cls=None, **kw):
        return super().command(*args, cls=cls or PmpCommand, **kw)


app = PmpTyper(
    name="pmp",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from pamplemousse import __version__

        typer.echo(f"pmp {__version__}")
        raise typer.Exit()


@app.callback()
def _main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True),
) -> None:
    """pmp's own options; every --help text is in the `help` section of text/i18n (cli/words.py)."""


_MISSION_LANG: list[str] = []  # the language of the mission the command is about, once known


def cli_lang() -> str:
    """The reader's language: the mission's when the command is about one, else the user's locale's."""
    return _MISSION_LANG[-1] if _MISSION_LANG else user_lang()


def mission_folder(arg: str) -> Path:
    """The mission's folder (as resolve_mission finds it); from then on, pmp speaks the mission's language."""
    from pamplemousse.read.load import language_of
    from pamplemousse.read.workspace import resolve_mission

    folder = resolve_mission(arg)
    _MISSION_LANG.append(language_of(folder))
    return folder


def error_text(err: PmpError) -> str:
    """What the one handler prints for one of pmp's errors, in the reader's language."""
    from pamplemousse.text.messages import error_words

    lang = err.lang or cli_lang()
    text = error_words(err, lang)
    return f"pmp : {text}" if lang == "fr" or not err.key else f"pmp: {text}"


def say(key: str, **kw) -> str:
    """The command line's message `key` (dotted, in the `cli` section of text/i18n) in the user's language."""
    from pamplemousse.text.i18n import labels
    from pamplemousse.text.wording import french

    lang = cli_lang()
    text = labels(lang)["cli"]
    for part in key.split("."):
        text = text[part]
    if isinstance(text, dict):  # plural forms ({one, other}), chosen for kw["n"]
        from pamplemousse.text.i18n import Formats

        n = kw.pop("n")
        return Formats(lang).plural({k: french(v) if lang == "fr" else v for k, v in text.items()}, n, **kw)
    return (french(text) if lang == "fr" else text).format(**kw)  # typography on pmp's words, not on the values


def _echo_err(message: str) -> None:
    typer.echo(message, err=True)


def warn(key: str, **kw) -> None:
    """The command line's message `key` (as `say`) on stderr, after « pmp : » as pmp's errors begin."""
    _echo_err(("pmp : " if cli_lang() == "fr" else "pmp: ") + say(key, **kw))


def _parse_date(value: Optional[str], option: str):
    """An ISO date from the command line, or today."""
    import re
    from datetime import date

    from pamplemousse.read.years import YEARS, in_years  # light: not the models

    if value is None:
        return date.today()
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):  # Python 3.11 would also read 20260301, 3.10 not
        try:
            day = date.fromisoformat(value)
        except ValueError:  # 2026-02-30
            raise UsageError(key="date_missing_day", option=option, value=value) from None
        if not in_years(day):
            raise UsageError(key="option_years", option=option, value=value, low=YEARS[0], high=YEARS[1])
        return day
    from pamplemousse.read.load import _as_iso  # 15/06/2027, as check reads it

    iso = _as_iso(value)
    if iso:
        raise UsageError(say("date_as", option=option, value=value, iso=iso))
    raise UsageError(key="date_format", option=option, value=value)


def _since_options(since: Optional[str], since_last_committee: bool) -> dict:
    """--since DATE and --since-last-committee (pmp status, pmp render) as the options of the layers below;
    since.since_window checks them against the mission."""
    return {
        "since": _parse_date(since, "--since") if since else None,
        "since_last_committee": since_last_committee or None,
    }


def _console():
    """Rich's console on stdout; 120 columns wide when not a terminal, so that output is stable."""
    from rich.console import Console

    return Console() if sys.stdout.isatty() else Console(width=120)


def _with_progress_bar(folders, load, label: str = "render.reading"):
    """Run `load(tick)` over `folders`, with a progress bar on long runs (see _with_progress)."""
    return _with_progress(len(folders), load, label)


def _with_progress(total: int, work, label: str = "render.progress"):
    """Run `work(tick)` (`label`: its words in the `cli` catalog); on a terminal, with more than 5 items, a progress bar on stderr, started at the first tick
    (after the processes are started: no thread runs while they are forked); quiet when stderr is not a terminal."""
    if total <= 5 or not sys.stderr.isatty():
        return work(None)
    from rich.console import Console
    from rich.progress import Progress

    progress = Progress(console=Console(stderr=True), transient=True)
    task = progress.add_task(say(label), total=total)

    def tick(*_):
        if not progress.live.is_started:
            progress.start()
        progress.advance(task)

    try:
        return work(tick)
    finally:
        progress.stop()


def run(args: Optional[List[str]] = None) -> int:
    """Run pmp with `args` and return its exit code; never raises, never a traceback.

    Click's usage errors (exit 2) and pmp's own errors come through here.
    """
    from typer._click.exceptions import ClickException
    from typer.exceptions import Abort

    from pamplemousse.write.files import forget_changed

    forget_changed()
    install(sys.argv[1:] if args is None else args)
    _MISSION_LANG.clear()  # a new command: no mission's language yet
    try:
        code = app(args=args, prog_name="pmp", standalone_mode=False)
        return code if isinstance(code, int) else EXIT_OK
    except SystemExit as done:
        code = done.code
        return code if isinstance(code, int) else (EXIT_OK if code is None else EXIT_USAGE)
    except ClickException as err:  # Click's usage errors, worded in the user's language
        if type(err).__name__ == "NoArgsIsHelpError":  # `pmp` alone: the help, as Click shows it
            _echo_err(err.format_message())
        else:
            _echo_err(usage_error(err) if hasattr(err, "ctx") else f"pmp : {err.format_message()}")
        return err.exit_code
    except Abort:
        _echo_err(f"pmp : {say('gettext.aborted')}")
        return 130
    except MissionProblems as err:
        for p in err.problems:
            _echo_err(str(p))
        return err.exit_code
    except PmpError as err:
        _echo_err(error_text(err))
        return err.exit_code
    except KeyboardInterrupt:
        _echo_err(f"pmp : {say('gettext.aborted')}")
        return 130
    except Exception:
        return _crash_report()
    finally:
        restore()
    return EXIT_OK


# Commands that run until stopped: the cyclic garbage collector stays on for them, as for any
# long-lived program (pmp serve renders a page per request, and each leaves cycles behind).
LONG_LIVED = frozenset({"serve"})


def main() -> None:
    """Console entry point.

    A one-shot command (every command but those of LONG_LIVED) is a short-lived
    process: the cyclic garbage collector's passes over the many objects that
    imports and loading create are pure cost there (about 6 % of the processor
    time of a render, measured), so they are paused for its life; memory is
    reclaimed by reference counting as usual. Once it is done (every file it
    wrote is closed and synced, the journal's lock released), the process ends
    without tearing the interpreter down object by object (about 6 % more): only
    the standard streams are left to flush. A long-lived command keeps the
    collector on and ends as any program does.

    pmp uses no pydantic plugin, so pydantic is told not to scan every installed
    package for one.
    """
    import gc
    import os

    args = sys.argv[1:]
    one_shot = next((a for a in args if not a.startswith("-")), None) not in LONG_LIVED
    if one_shot:
        gc.disable()
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    code = run(args)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (pmp status | head): nothing more to say
            pass
    if not one_shot:
        sys.exit(code)
    os._exit(code)


# Options whose values say nothing personal (a format, a date, a number, a word of pmp's own): kept in a
# crash report. Any other option's value, and every argument that is no command's name, is left out.
_PLAIN_OPTIONS = {
    "--format", "--as-of", "--date", "--since", "--lang", "--doc", "--audience", "--progress", "--status",
    "--value", "--stale-weeks", "--phase", "--moment", "--port",
}
_HIDDEN = "[…]"


def _command_line(args: list[str]) -> str:
    """The command as typed, keeping only what says nothing personal: pmp's command names (`log`,
    `templates copy`), option names, and the values of the options above. A mission's name, the words
    of `pmp search`, a file, a note or a folder given as `--output` are each left out as […]."""
    import typer.main

    command = typer.main.get_command(app)
    shown: list[str] = []
    value_next: bool | None = None  # an option's value comes next: kept (True) or left out (False)
    for arg in args:
        if value_next is not None:
            shown.append(arg if value_next else _HIDDEN)
            value_next = None
            continue
        if arg in getattr(command, "commands", {}):
            command = command.commands[arg]  # type: ignore[attr-defined]
            shown.append(arg)
            continue
        if not arg.startswith("-") or arg == "-":
            shown.append(_HIDDEN)
            continue
        long = arg.startswith("--")
        name, attached = (arg.partition("=")[0], "=" in arg) if long else (arg[:2], len(arg) > 2)
        option = _option(command, name)
        plain = option is not None and bool(_PLAIN_OPTIONS.intersection(option.opts))
        if attached:
            shown.append(arg if plain else f"{name}={_HIDDEN}" if long else f"{name}{_HIDDEN}")
        else:
            shown.append(name)
            if option is not None and not (option.is_flag or option.count):
                value_next = plain
    return " ".join(["pmp", *shown])


def _option(command, name: str):
    """The option of `command` (a Click command) called `name`, or None."""
    for param in getattr(command, "params", []):
        if name in getattr(param, "opts", ()) or name in getattr(param, "secondary_opts", ()):
            return param
    return None


def _write_crash_report(text: str) -> Path:
    """A new file, created exclusively (never through a link, never over another report), mode 0600."""
    import os
    import tempfile
    import time

    from pamplemousse.paths import user_cache_dir

    folder = user_cache_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if folder.is_symlink() or not folder.is_dir():
        raise OSError(f"{folder} is not a folder of its own")
    fd, name = tempfile.mkstemp(prefix=f"erreur-{time.strftime('%Y%m%d-%H%M%S')}-", suffix=".txt", dir=folder)
    with os.fdopen(fd, "w", encoding="utf-8") as report:
        report.write(text)
    return Path(name)


def _crash_report() -> int:
    import traceback

    from pamplemousse.text.i18n import message
    from pamplemousse.write.files import changed_so_far

    try:
        where = message("fr", "crash_where", file=_write_crash_report(
            f"{_command_line(sys.argv[1:])}\n\n{traceback.format_exc()}"
        ))
    except OSError:
        where = ""
    changed = changed_so_far()
    if changed:
        from pamplemousse.errors import display_unresolved

        said = message("fr", "crash_changed", files=", ".join(display_unresolved(p) for p in changed))
    else:
        said = message("fr", "crash_unchanged")
    _echo_err(f"pmp : {said}{where}")
    return EXIT_CRASH
