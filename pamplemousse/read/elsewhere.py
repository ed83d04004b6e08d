"""The names of the people of the workspace's other missions, in a mission's client texts (`pmp check`).

A participant of another mission (with or without consent: it was given for
that mission's client) named in a text that goes to this mission's client is a
warning at the name; not someone met in both missions, whom this mission's own
rules cover. Each mission's people and client texts are kept in the cache as
plain data (read/cache.py's `memo`), so that checking a workspace neither
imports the models nor rebuilds a mission when nothing changed, and a mission's
texts are searched only for the names whose every word they hold (most often none).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from pamplemousse.errors import Problem
from pamplemousse.read.matching import NameFinder, name_key, name_words
from pamplemousse.text.messages import t

if TYPE_CHECKING:  # light at run time: the YAML reader only when there is a name to place
    from pamplemousse.read.yamlread import YamlDoc

JOURNAL = "journal.yaml"


def people_of(folder) -> dict:
    """{"people": [[name, id]] of the participants of the mission in `folder`, "words": the folded words
    of the texts its client may read} (empty if it does not load), kept in the cache beside the mission:
    `pmp check` reads them for every mission of the workspace."""
    from pamplemousse.read.cache import memo

    def compute() -> dict:
        from pamplemousse.read.load import load_mission
        from pamplemousse.read.names import client_texts

        mission, _ = load_mission(folder)
        if mission is None:
            return {"people": [], "words": []}
        return {"people": [[p.name, p.id] for p in mission.questions.participants],
                "words": sorted(name_words("\0".join(client_texts(mission))))}

    return memo("people", folder, (), compute)


def client_texts_of(folder) -> list[list]:
    """[[file, place, text]] of every text the client of the mission in `folder` may read, kept in the
    cache beside the mission (read only for a mission whose words hold a name of another)."""
    from pamplemousse.read.cache import memo

    def compute() -> list[list]:
        from pamplemousse.read.load import load_mission
        from pamplemousse.read.names import walk_client_texts

        mission, _ = load_mission(folder)
        texts: list[list] = []

        def keep(file: str, loc: tuple, text: str) -> str:
            texts.append([file, list(loc), text])
            return text

        if mission is not None:
            walk_client_texts(mission, keep)
        return texts

    return memo("client-texts", folder, (), compute)


def names_from_other_missions(folders: list, everyone: list) -> dict[str, list[Problem]]:
    """The name of a participant of another mission of the workspace (with or without consent: it was
    given for that mission's client) in a text that goes to the client of one of `folders` (`everyone`:
    every mission of the workspace), at the name; not a person met in both missions. {slug: warnings}.

    Quick for a large workspace: a mission's texts are read and searched only for the names whose every
    word they hold (matching.name_words), most often none."""
    read = {folder: people_of(folder) for folder in {*everyone, *folders}}
    met: dict[tuple, list[tuple[str, str]]] = {}  # the name's key: [(mission, participant)] of whoever bears it
    written: dict[tuple, str] = {}
    for folder in everyone:
        for name, ref in read[folder]["people"]:
            met.setdefault(name_key(name), []).append((folder.name, ref))
            written.setdefault(name_key(name), name)
    by_word: dict[str, list[tuple]] = {}  # a word of a name: the names that have it
    needs: dict[tuple, frozenset[str]] = {}
    for key in met:
        needs[key] = frozenset(name_words(written[key]))
        for word in needs[key]:
            by_word.setdefault(word, []).append(key)
    found: dict[str, list[Problem]] = {}
    for folder in folders:
        words = set(read[folder]["words"])
        keys = {key for word in words.intersection(by_word) for key in by_word[word]}  # at C speed, most often none
        names = {written[key]: met[key] for key in keys
                 if needs[key] <= words and all(slug != folder.name for slug, _ in met[key])}
        if names:
            found[folder.name] = _names_elsewhere(folder, client_texts_of(folder), names)
    return found


def _names_elsewhere(folder, texts: list, names: dict) -> list[Problem]:
    """The warnings of names_from_other_missions for the mission in `folder` ({name: [(mission, id)]})."""
    from pamplemousse.errors import display_unresolved
    from pamplemousse.read.matching import first_of
    from pamplemousse.read.workspace import language_of
    from pamplemousse.read.yamlread import read_yaml

    finder = NameFinder(names)
    lang = language_of(folder)
    docs: dict[str, YamlDoc] = {}
    problems: list[Problem] = []
    for file, loc, text in texts:
        for where in dict.fromkeys(tuple(w) for _, _, w in finder.find(text)):
            if file not in docs:
                doc = read_yaml(folder / file, display_unresolved(folder / file), lang,
                                expect=list if file == JOURNAL else dict)[0]
                if doc is None:  # changed since it was read: the next check says what is wrong
                    continue
                docs[file] = doc
            slug, ref = where[0]
            at = docs[file].inside(tuple(loc), functools.partial(first_of, finder, list(where)))
            problems.append(Problem(docs[file].name, *at, t(lang, "name_from_other_mission", mission=slug, ref=ref),
                                    "warning", t(lang, "warning_tag")))
    return problems
