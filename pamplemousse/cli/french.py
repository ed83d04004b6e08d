"""The words of Click and Typer in the user's language, through gettext (the standard library's).

Typer's own help sections (« Arguments », « Options », « Commandes », « obligatoire »,
« par défaut ») already go through `gettext.gettext`: `install()` binds pmp's catalog
(text/gettext_catalog.py, compiled from text/i18n) as the process's domain. The
Click that typer 0.28 ships inside itself writes the rest in plain English
(« Usage: », the help option, usage errors), so pmp's command classes pass those
through the same catalog: the usage line, the help option, the metavars, the
completion options' help, and `usage_error()` words every usage error.

The language: English when the user's locale is English (LANG=en_GB.UTF-8…),
French otherwise, as cli_lang() says; nothing is read but a small .mo file.
"""

from __future__ import annotations

import gettext
import os
from gettext import gettext as _

import typer
from typer.core import TyperCommand, TyperGroup

_METAVARS = {"text": "TEXT", "str": "TEXT", "string": "TEXT", "path": "PATH", "integer": "INTEGER", "int": "INTEGER"}
_installed = False


def user_lang() -> str:
    """English when the first locale variable set names English, French otherwise (C and POSIX say nothing)."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value and value.split(".")[0] not in ("C", "POSIX"):
            return "en" if value.lower().startswith("en") else "fr"
    return "fr"


def install() -> None:
    """Make pmp's catalog the process's gettext domain, once; French when the locale names no language."""
    global _installed
    if _installed:
        return
    from pamplemousse.text.gettext_catalog import DOMAIN, LOCALE_DIR

    if user_lang() == "fr" and not any(
        os.environ.get(v, "").split(".")[0] not in ("", "C", "POSIX") for v in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
    ):
        os.environ["LANGUAGE"] = "fr"  # read by gettext only (and by no C library in the C locale)
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    _installed = True


class _Translated:
    """What pmp's command classes add to Typer's: the words Click writes in English, through gettext."""

    def format_usage(self, ctx, formatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage:") + " ")

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = _("Show this message and exit.")
        return option

    def format_help(self, ctx, formatter) -> None:
        for param in self.params:  # type: ignore[attr-defined]
            if param.help:
                param.help = _(param.help)  # Typer's completion options; pmp's own help is French already
            if isinstance(param, typer.core.TyperOption) and param.metavar is None and not param.is_flag:
                name = _METAVARS.get(param.type.name)
                if name:
                    param.metavar = _(name)
        super().format_help(ctx, formatter)  # type: ignore[misc]


class PmpCommand(_Translated, TyperCommand):
    pass


class PmpGroup(_Translated, TyperGroup):
    def collect_usage_pieces(self, ctx) -> list[str]:
        pieces = TyperCommand.collect_usage_pieces(self, ctx)
        return pieces + [_("COMMAND [ARGS]...")]


def usage_error(err) -> str:
    """A usage error (missing argument, unknown option, extra argument…) in the user's language:
    the usage line, where to find help, then the message."""
    from typer._click import exceptions as click_errors

    lines = []
    ctx = err.ctx
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(_("Try '{command} {option}' for help.").format(
                command=ctx.command_path, option=ctx.help_option_names[0]))
    prefix = "Error: " if user_lang() == "en" else "pmp : "  # as pmp's own errors begin (cli/app.py)
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
    import re

    if isinstance(err, click_errors.MissingParameter):
        key = "Missing argument {name}." if err.param_type == "argument" or (
            err.param is not None and err.param.param_type_name == "argument") else "Missing option {name}."
        return _(key).format(name=_hint(err))
    if isinstance(err, click_errors.NoSuchOption):
        text = _("No such option: {name}").format(name=err.option_name)
        if err.possibilities:
            return _("{message} (Possible options: {possibilities})").format(
                message=text, possibilities=", ".join(sorted(err.possibilities)))
        return text
    if isinstance(err, click_errors.BadParameter):
        return _("Invalid value for {name}: {message}").format(name=_hint(err), message=err.message)
    m = re.fullmatch(r"(.*)\. Did you mean (.*)\?", err.message, re.S)  # Typer's hint after an unknown command
    if m:
        names = ", ".join(_("'{name}'").format(name=n) for n in re.findall(r"'([^']*)'", m.group(2)))
        return _("{message}. Did you mean {suggestions}?").format(message=_plain(m.group(1) + "."), suggestions=names)
    return _plain(err.message)


# Click's plain messages (no parameter object to read them from): the English pattern, pmp's msgid
_PLAIN = (
    (r"No such command '(?P<name>.*)'\.", "No such command '{name}'."),
    (r"Got unexpected extra argument\(s\) \((?P<args>.*)\)", "Got unexpected extra argument(s) ({args})"),
    (r"Option '(?P<name>.*)' requires .*", "Option {name} requires an argument."),
    (r"Option '(?P<name>.*)' does not take a value\.", "Option {name} does not take a value."),
)


def _plain(message: str) -> str:
    """One of Click's plain messages, in the user's language (as it is when unknown)."""
    import re

    for pattern, msgid in _PLAIN:
        m = re.fullmatch(pattern, message)
        if m:
            return _(msgid).format(**m.groupdict())
    return message
