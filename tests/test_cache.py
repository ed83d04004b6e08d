"""The cache of loaded missions: a hit gives the same mission, any change of a file is seen at once."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest

from pamplemousse.errors import Problem
from pamplemousse.read import cache, load
from pamplemousse.read.load import load_mission
from pamplemousse.read.model import Mission


@pytest.fixture
def own_cache(tmp_path, monkeypatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(where))
    monkeypatch.delenv("PMP_NO_CACHE", raising=False)
    return where


def entries(where: Path) -> list[Path]:
    """The cache's entries (a mission's files keep theirs in a folder of its own, beside its `folder`)."""
    return sorted(p for p in where.rglob("*.json") if not p.name.startswith(".tmp-"))


def no_fresh_load(monkeypatch):
    """From now on, a load that does not come from the cache fails the test."""
    def refuse(*args):
        raise AssertionError("loaded from the files, not from the cache")

    monkeypatch.setattr(load, "_load", refuse)


def _new_process(monkeypatch) -> None:
    """As a new pmp process would: the cache folder is looked at (made, checked, pruned) again."""
    monkeypatch.setattr(cache, "_dirs", {})


def test_a_hit_gives_back_the_same_mission_and_problems(example_in_cwd, own_cache, monkeypatch):
    fresh = load_mission(example_in_cwd)
    assert fresh[0] is not None and fresh[1]  # the example has warnings
    [entry] = entries(own_cache)
    assert entry.name.startswith("mission-")
    assert entry.parent.parent.name.startswith("missions-")
    assert (entry.parent / "folder").read_text("utf-8") == str(example_in_cwd.resolve())
    no_fresh_load(monkeypatch)
    again = load_mission(example_in_cwd)
    assert again == fresh  # the mission read back from JSON and validated again, problems included
    assert again[0].recommendations[0].title == "Créer un parcours d’accueil des nouveaux bénévoles"
    assert again[0].entries == fresh[0].entries


def test_the_cache_folders_are_the_users_own_mode_0700(example_in_cwd, own_cache):
    load_mission(example_in_cwd)
    [entry] = entries(own_cache)
    for folder in (own_cache / "pamplemousse", entry.parent.parent, entry.parent):
        assert oct(folder.stat().st_mode & 0o777) == "0o700", folder


def test_a_cache_folder_left_open_to_others_is_narrowed_to_0700(example_in_cwd, own_cache, monkeypatch):
    (own_cache / "pamplemousse").mkdir(parents=True, mode=0o755)
    os.chmod(own_cache / "pamplemousse", 0o755)
    load_mission(example_in_cwd)
    assert oct((own_cache / "pamplemousse").stat().st_mode & 0o777) == "0o700"
    assert entries(own_cache)


def test_a_cache_folder_owned_by_someone_else_is_not_used(example_in_cwd, own_cache, monkeypatch, pmp):
    folder = own_cache / "pamplemousse"
    folder.mkdir(parents=True)
    if os.geteuid() == 0:  # as root, the folder is really given to another user
        os.chown(folder, 4242, 4242)
    else:  # otherwise, pmp is made to run as another user than the folder's owner
        monkeypatch.setattr(os, "getuid", lambda: folder.stat().st_uid + 1)
    result = pmp("check", "ressourcerie-du-val")
    assert result.exit_code == 0, result.output
    assert "1 mission vérifiée\u00a0: 0 erreur, 10 avertissements." in result.stderr
    assert entries(own_cache) == []
    assert cache.cache_dir() is None


def test_a_cache_folder_that_is_a_link_is_not_used(example_in_cwd, own_cache, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    own_cache.mkdir()
    (own_cache / "pamplemousse").symlink_to(elsewhere, target_is_directory=True)
    assert load_mission(example_in_cwd)[0] is not None
    assert list(elsewhere.iterdir()) == []


def test_without_owners_a_real_folder_is_the_users(example_in_cwd, own_cache, monkeypatch):
    """Windows has no os.getuid: the folder is made and used (its mode is the system's business)."""
    monkeypatch.delattr(os, "getuid")
    load_mission(example_in_cwd)
    assert len(entries(own_cache)) == 1


def test_a_pickle_at_an_entry_is_never_loaded(example_in_cwd, own_cache, tmp_path):
    """An entry is JSON: a pickle put at its place (by an older pmp, or by someone who could write there)
    is ignored and replaced, and the code it carries never runs."""
    fresh = load_mission(example_in_cwd)
    [entry] = entries(own_cache)
    ran = tmp_path / "the-pickle-ran"

    class Planted:
        def __reduce__(self):
            return (open, (str(ran), "w"))

    entry.write_bytes(pickle.dumps((("key",), Planted())))
    assert load_mission(example_in_cwd) == fresh
    assert not ran.exists()
    assert json.loads(entry.read_text("utf-8").splitlines()[0])[0][2] == "mission"  # replaced by a JSON entry


@pytest.mark.parametrize("garbage", [b"", b"not json", b'[["truncated', b"[1, 2]\n", b'{"a": 1}\n', b"[" * 100000])
def test_a_corrupt_entry_is_ignored_and_replaced(example_in_cwd, own_cache, pmp, garbage):
    fresh = load_mission(example_in_cwd)
    [entry] = entries(own_cache)
    entry.write_bytes(garbage)
    result = pmp("check", "ressourcerie-du-val")
    assert result.exit_code == 0, result.output
    assert "1 mission vérifiée\u00a0: 0 erreur, 10 avertissements." in result.stderr
    assert load_mission(example_in_cwd) == fresh
    head, body = entry.read_text("utf-8").splitlines()
    assert [Problem.from_row(p) for p in json.loads(head)[1]] == fresh[1]
    assert Mission.from_plain(example_in_cwd, json.loads(body)) == fresh[0]


def test_an_entry_of_another_pmp_is_not_used(example_in_cwd, own_cache, monkeypatch):
    load_mission(example_in_cwd)
    [entry] = entries(own_cache)
    head, body = entry.read_text("utf-8").splitlines()
    (key, problems) = json.loads(head)
    plain = json.loads(body)
    plain["meta"]["title"] = "Une mission d’un autre pmp"
    entry.write_text(json.dumps([["another pmp", *key[1:]], problems]) + "\n" + json.dumps(plain) + "\n", "utf-8")
    assert load_mission(example_in_cwd)[0].meta.title != "Une mission d’un autre pmp"
    # another version of pmp keeps its entries in a folder of its own
    monkeypatch.setattr(cache, "__version__", "99.0")
    assert cache.cache_dir().name == "missions-99.0"
    assert load_mission(example_in_cwd)[0].slug == "ressourcerie-du-val"
    assert len(entries(own_cache)) == 2


def test_the_entries_of_a_deleted_mission_are_pruned(example_in_cwd, own_cache, monkeypatch, pmp):
    """The interview notes a deleted mission kept in the cache go with it, at the next pruning (hourly)."""
    import shutil

    copy = example_in_cwd.parent / "copie"
    shutil.copytree(example_in_cwd, copy)
    assert pmp("check").exit_code == 0
    assert pmp("search", "accueil").exit_code == 0
    kept_places = {p.parent for p in entries(own_cache)}
    assert len(kept_places) == 2
    [gone] = [p for p in kept_places if (p / "folder").read_text("utf-8") == str(copy.resolve())]
    assert "Que voyez-vous en entrant" in "".join(p.read_text("utf-8") for p in gone.iterdir())
    shutil.rmtree(copy)
    stamp = cache.cache_dir() / ".pruned"
    _new_process(monkeypatch)
    assert pmp("check").exit_code == 0
    assert gone.exists()  # pruned at most once an hour
    os.utime(stamp, (stamp.stat().st_atime - 3601, stamp.stat().st_mtime - 3601))
    _new_process(monkeypatch)
    assert pmp("check").exit_code == 0
    assert not gone.exists()
    assert {p.parent for p in entries(own_cache)} == kept_places - {gone}


def test_the_pickles_of_an_older_pmp_are_removed(example_in_cwd, own_cache):
    older = own_cache / "pamplemousse" / "missions-0.1.0"
    (older / "status").mkdir(parents=True)
    (older / "status" / "0123456789abcdef.pickle").write_bytes(pickle.dumps("notes d’entretien"))
    ours = own_cache / "pamplemousse" / f"missions-{cache.__version__}"  # the same version, in the format before
    (ours / "search").mkdir(parents=True)
    (ours / "search" / "0123456789abcdef.pickle").write_bytes(pickle.dumps("notes d’entretien"))
    (ours / "0123456789abcdef.pickle").write_bytes(pickle.dumps("notes d’entretien"))
    load_mission(example_in_cwd)
    assert not older.exists()
    assert list(ours.rglob("*.pickle")) == []
    assert len(entries(own_cache)) == 1


def test_pmp_no_cache_does_without(example_in_cwd, own_cache, monkeypatch, pmp):
    monkeypatch.setenv("PMP_NO_CACHE", "1")
    assert pmp("status", "ressourcerie-du-val").exit_code == 0
    assert not own_cache.exists() or not entries(own_cache)


def test_the_cache_folder_is_safe_to_delete(example_in_cwd, own_cache, pmp):
    import shutil

    assert pmp("check").exit_code == 0
    shutil.rmtree(own_cache)
    result = pmp("check")
    assert result.exit_code == 0 and "0 erreur" in result.stderr
    assert entries(own_cache)


def test_an_unwritable_cache_never_stops_a_command(example_in_cwd, tmp_path, monkeypatch, pmp):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    result = pmp("check", "ressourcerie-du-val")
    assert result.exit_code == 0, result.output


def _same_size_edit(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` (same length) in `path`, its size and modification date kept."""
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    path.write_text(path.read_text("utf-8").replace(old, new, 1), "utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_the_portfolio_rows_kept_in_the_cache_follow_the_files(example_in_cwd, own_cache, pmp):
    import json

    def progress() -> int:
        [row] = json.loads(pmp("status", "--format", "json", "--as-of", "2026-11-26").stdout)
        return row["progress"]["value"]

    assert progress() == progress() == 45  # the second from the cache
    assert any(p.name.startswith("status-") for p in entries(own_cache))
    _same_size_edit(example_in_cwd / "journal.yaml", "status: blocked", "status: done   ")
    assert progress() != 45


def test_the_search_texts_kept_in_the_cache_follow_the_files(example_in_cwd, own_cache, pmp):
    assert "R1  préconisation" in pmp("search", "parcours").stdout
    _same_size_edit(example_in_cwd / "recommendations.yaml", "Créer un parcours", "Créer un chemin  ")
    result = pmp("search", "chemin", "--kind", "recommendation")
    assert result.stdout.splitlines()[1] == "    Créer un chemin d’accueil des nouveaux bénévoles"  # spaces collapsed


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_mission_with_ids_and_a_withdrawal_reads_back_from_its_entry_as_it_was_loaded(
        example_in_cwd, own_cache, monkeypatch, pmp, language):
    mission_yaml = example_in_cwd / "mission.yaml"
    mission_yaml.write_text(mission_yaml.read_text("utf-8").replace("language: fr", f"language: {language}"), "utf-8")
    journal = example_in_cwd / "journal.yaml"
    journal.write_text(journal.read_text("utf-8")
                       + "- {date: 2026-11-20, time: 0.5, phase: suivi, id: j-abcdefgh}\n"
                       + "- {date: 2026-11-21, withdraw: j-abcdefgh, note: Saisi deux fois, id: j-bcdefghi}\n", "utf-8")
    fresh = load_mission(example_in_cwd)
    assert fresh[0] is not None and fresh[0].withdrawals
    no_fresh_load(monkeypatch)
    again = load_mission(example_in_cwd)
    assert again == fresh
    assert again[0].language == language
    assert [e.id for e in again[0].journal[-2:]] == ["j-abcdefgh", "j-bcdefghi"]
    assert again[0].entries == fresh[0].entries and "j-abcdefgh" not in {e.id for e in again[0].entries}
