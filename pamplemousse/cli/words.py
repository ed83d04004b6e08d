"""The command line's words in the reader's language: pmp's --help texts, and Click's and Typer's own words.

- **The language** (`help_lang`): the language of the mission named on the command line
  (`pmp render ressourcerie-du-val --help`), else the user's locale's (`user_lang`):
  English when the first of LANGUAGE, LC_ALL, LC_MESSAGES, LANG that is set names English,
  French otherwise.
- **pmp's help texts** (each command's, argument's and option's, and the metavars) live in the
  `help` section of text/i18n/fr.yaml and en.yaml, keyed by the command's path and the
  parameter's name in the code (`help.render.as_of`); pmp's command classes put them on the
  command when Click formats its help or its usage line. The code holds none.
- **Click's and Typer's words** (« Usage: », « Options », « [default: …] », the usage errors)
  go through gettext (the standard library's), whose catalog is compiled from the `cli.gettext`
  section of the same files (text/gettext_catalog.py). Typer's help sections already call
  `gettext.gettext`; the Click that typer 0.28 ships inside itself writes the rest in plain
  English, so pmp's command classes pass those through the same catalog, and `usage_error()`
  words every usage error. `speak(lang)` points gettext at the language.

So the frame and the texts are always in one language.
"""

from __future__ import annotations

import gettext
import os

import typer
from typer.core import TyperCommand, TyperGroup

_METAVARS = {"text": "text", "str": "text", "string": "text", "path": "path", "integer": "integer", "int": "integer"}
_LOCALE_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
_state: dict = {"args": [], "help_lang": None, "found": None}


def user_lang() -> str:
    """English when the first locale variable set names English, French otherwise (C and POSIX say nothing)."""
    for var in _LOCALE_VARS:
        value = os.environ.get(var, "")
        if value and value.split(".")[0] not in ("C", "POSIX"):
            return "en" if value.lower().startswith("en") else "fr"
    return "fr"


def install(args: list[str]) -> None:
    """For a new command: remember its arguments (a mission named there sets the help's language) and speak
    the user's language; `restore()` puts the environment back once the command is done."""
    _state.update(args=list(args), help_lang=None, found=os.environ.get("LANGUAGE"))
    speak(user_lang())


def restore() -> None:
    """LANGUAGE as it was before the command (pmp sets it for gettext only)."""
    if _state["found"] is None:
        os.environ.pop("LANGUAGE", None)
    else:
        os.environ["LANGUAGE"] = _state["found"]


def speak(lang: str) -> None:
    """Click's and Typer's words in `lang` from now on: gettext reads LANGUAGE at each call, and finds
    pmp's French catalog for "fr", none (so Click's own English) for "en"."""
    from pamplemousse.text.gettext_catalog import DOMAIN, LOCALE_DIR

    os.environ["LANGUAGE"] = lang
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)


def help_lang() -> str:
    """The language of the help and of the usage errors: the mission's when the command line names one
    (a folder or a slug of the workspace), else the user's; found once per command."""
    if _state["help_lang"] is None:
        _state["help_lang"] = _named_mission_lang(_state["args"]) or user_lang()
    return _state["help_lang"]


def _named_mission_lang(args: list[str]) -> str | None:
    from pamplemousse.errors import PmpError
    from pamplemousse.read.workspace import language_of, resolve_mission

    for arg in args:
        if arg.startswith("-"):
            continue
        try:
            return language_of(resolve_mission(arg))
        except (PmpError, OSError, ValueError):
            continue
    return None


def _help_entries(lang: str, command_path: str) -> dict:
    """The `help` entries of a command (`pmp templates copy` → help.templates.copy), {} if it has none."""
    from pamplemousse.text.i18n import help_texts

    entries = help_texts(lang)
    for part in command_path.split()[1:]:
        entries = entries.get(part) or {}
    return entries


def _put_words(command, ctx) -> None:
    """Put the catalog's help texts and metavars on `command`, its parameters and its subcommands, in the
    help's language; the frame (gettext) follows. A text the catalog lacks is left as the code gave it."""
    from pamplemousse.text.wording import french

    lang = help_lang()
    speak(lang)
    if getattr(command, "_pmp_words", None) == lang:
        return
    command._pmp_words = lang
    words = french if lang == "fr" else str
    entries = _help_entries(lang, ctx.command_path)
    if "_" in entries:
        command.help = words(entries["_"])
    for param in command.params:
        entry = entries.get(param.name)
        if isinstance(entry, str):
            param.help = words(entry)
        elif isinstance(entry, dict):
            param.help, param.metavar = words(entry["help"]), entry.get("metavar", param.metavar)
    for name, sub in getattr(command, "commands", {}).items():
        entry = entries.get(name)
        if isinstance(entry, dict) and "_" in entry:
            sub.help = words(entry["_"])


class _Translated:
    """What pmp's command classes add to Typer's: the help texts of the catalogs, and the words Click
    writes in English (the usage line, the help option, the metavars) in the help's language."""

    def format_usage(self, ctx, formatter) -> None:
        _put_words(self, ctx)
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_click("usage") + " ")

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = _click("help_option")
        return option

    def format_help(self, ctx, formatter) -> None:
        _put_words(self, ctx)
        for param in self.params:  # type: ignore[attr-defined]
            if param.name in ("install_completion", "show_completion"):
                param.help = _click(param.name)  # Typer's completion options
            if isinstance(param, typer.core.TyperOption) and param.metavar is None and not param.is_flag:
                name = _METAVARS.get(param.type.name)
                if name:
                    param.metavar = _click(name)
        super().format_help(ctx, formatter)  # type: ignore[misc]


class PmpCommand(_Translated, TyperCommand):
    pass


class PmpGroup(_Translated, TyperGroup):
    def collect_usage_pieces(self, ctx) -> list[str]:
        pieces = TyperCommand.collect_usage_pieces(self, ctx)
        return pieces + [_click("subcommand_metavar")]


def _template(key: str, lang: str) -> str:
    from pamplemousse.text.i18n import labels

    return labels(lang)["cli"]["gettext"][key]


def _click(key: str, lang: str | None = None, **kw) -> str:
    """Click's word `key` (the `cli.gettext` section of text/i18n) in the help's language, filled with kw."""
    from pamplemousse.text.wording import french

    lang = lang or help_lang()
    text = _template(key, lang)
    return (french(text) if lang == "fr" else text).format(**kw)


def usage_error(err) -> str:
    """A usage error (missing argument, unknown option, extra argument…) in the help's language:
    the usage line, where to find help, then the message."""
    from typer._click import exceptions as click_errors

    speak(help_lang())
    lines = []
    ctx = err.ctx
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(_click("try_help", command=ctx.command_path, option=ctx.help_option_names[0]))
    prefix = "Error: " if help_lang() == "en" else "pmp : "  # as Click's, or as pmp's own errors (cli/app.py)
    lines.append(prefix + _message(err, click_errors))
    return "\n".join(lines)


def _hint(err) -> str:
    if getattr(err, "param_hint", None):
        hint = err.param_hint
        return hint if isinstance(hint, str) else " / ".join(hint)
    param = getattr(err, "param", None)
    if param is None:
        return ""
    if isinstance(param, typer.core.TyperArgument):
        return param.metavar.strip("[]") if param.metavar else (param.name or "").upper()
    return " / ".join(param.opts)


def _message(err, click_errors) -> str:
    if isinstance(err, click_errors.MissingParameter):
        key = "missing_argument" if err.param_type == "argument" or (
            err.param is not None and err.param.param_type_name == "argument") else "missing_option"
        return _click(key, name=_hint(err))
    if isinstance(err, click_errors.NoSuchOption):
        text = _click("no_such_option", name=err.option_name)
        if err.possibilities:
            return _click("did_you_mean", message=text, possibilities=", ".join(sorted(err.possibilities)))
        return text
    if isinstance(err, click_errors.BadParameter):
        return _click("invalid_value", name=_hint(err), message=err.message)
    said = _read_click(err.message, "did_you_mean_command")  # Typer's hint after an unknown command
    if said:
        import re

        names = ", ".join(_click("quoted", name=n) for n in re.findall(r"'([^']*)'", said["suggestions"]))
        return _click("did_you_mean_command", message=_plain(said["message"] + ".").rstrip("."),
                      suggestions=names)
    return _plain(err.message)


# Click's plain messages (no parameter object to read them from), as the English catalog writes them
_PLAIN = ("unknown_command", "extra_arguments", "option_needs_value", "option_takes_no_value")


def _read_click(message: str, key: str) -> dict | None:
    """The values in one of Click's English messages, read with its English form in the catalog
    ("Option {name} requires an argument." reads "Option '--note' requires an argument." as
    {name: '--note'}), or None."""
    import re

    pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>.*)", re.escape(_template(key, "en")))
    m = re.fullmatch(pattern, message, re.S)
    return m.groupdict() if m else None


def _plain(message: str) -> str:
    """One of Click's plain messages, in the help's language (as it is when unknown)."""
    for key in _PLAIN:
        said = _read_click(message, key)
        if said is not None:  # Click quotes the names ('--note'), the catalog too, its own way
            return _click(key, **{k: v.strip("'") for k, v in said.items()})
    return message
