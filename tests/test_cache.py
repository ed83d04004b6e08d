"""The cache of loaded missions: a hit gives the same mission, any change of a file is seen at once."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from pamplemousse.read import cache, load
from pamplemousse.read.load import load_mission


@pytest.fixture
def own_cache(tmp_path, monkeypatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(where))
    monkeypatch.delenv("PMP_NO_CACHE", raising=False)
    return where


def entries(where: Path) -> list[Path]:
    return sorted(where.rglob("*.pickle"))


def no_fresh_load(monkeypatch):
    """From now on, a load that does not come from the cache fails the test."""
    def refuse(*args):
        raise AssertionError("loaded from the files, not from the cache")

    monkeypatch.setattr(load, "_load", refuse)


def test_a_hit_gives_back_the_same_mission_and_problems(example_in_cwd, own_cache, monkeypatch):
    fresh = load_mission(example_in_cwd)
    assert fresh[0] is not None and fresh[1]  # the example has warnings
    [entry] = entries(own_cache)
    assert entry.parent.name.startswith("missions-")
    assert oct(entry.parent.stat().st_mode & 0o777) == "0o700"
    no_fresh_load(monkeypatch)
    again = load_mission(example_in_cwd)
    assert again == fresh  # pickled frozen pydantic models round-trip, problems included
    assert again[0].recommendations[0].title == "Créer un parcours d’accueil des nouveaux bénévoles"


def test_a_change_of_the_same_size_within_the_same_second_is_seen(example_in_cwd, own_cache, pmp):
    recs = example_in_cwd / "recommendations.yaml"
    assert pmp("check", "ressourcerie-du-val").exit_code == 0
    before = recs.stat()
    text = recs.read_text("utf-8")
    changed = text.replace("    impact: 5\n", "    impact: 9\n", 1)
    assert len(changed.encode()) == len(text.encode())
    recs.write_text(changed, "utf-8")
    os.utime(recs, ns=(before.st_atime_ns, before.st_mtime_ns))  # same date, same size: only the bytes differ
    assert recs.stat().st_mtime_ns == before.st_mtime_ns and recs.stat().st_size == before.st_size
    result = pmp("check", "ressourcerie-du-val")
    assert result.exit_code == 1
    assert result.stdout == "missions/ressourcerie-du-val/recommendations.yaml:18:13: «\u00a0impact\u00a0» doit être entre 1 et 5\n"
    recs.write_text(text, "utf-8")
    os.utime(recs, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert pmp("check", "ressourcerie-du-val").exit_code == 0


def test_a_change_in_any_of_the_five_files_is_seen(example_in_cwd, own_cache):
    for name in ("mission.yaml", "vision.yaml", "questions.yaml", "recommendations.yaml", "journal.yaml"):
        path = example_in_cwd / name
        original = path.read_bytes()
        path.write_bytes(original + b"\nnot: [closed\n")
        mission, problems = load_mission(example_in_cwd)
        assert mission is None, name
        assert any(p.file.endswith(name) for p in problems), name
        path.write_bytes(original)
        assert load_mission(example_in_cwd)[0] is not None


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", b"\x80\x05\x95 truncated", pickle.dumps("wrong shape")])
def test_a_corrupt_entry_is_ignored_and_replaced(example_in_cwd, own_cache, pmp, garbage):
    fresh = load_mission(example_in_cwd)
    [entry] = entries(own_cache)
    entry.write_bytes(garbage)
    result = pmp("check", "ressourcerie-du-val")
    assert result.exit_code == 0, result.output
    assert "1 mission vérifiée\u00a0: 0 erreur, 10 avertissements." in result.stderr
    assert load_mission(example_in_cwd) == fresh
    _key, (mission_blob, problems) = pickle.loads(entry.read_bytes())
    assert (pickle.loads(mission_blob), problems) == fresh


def test_an_entry_of_another_pmp_is_not_used(example_in_cwd, own_cache, monkeypatch):
    load_mission(example_in_cwd)
    [entry] = entries(own_cache)
    key, (mission_blob, problems) = pickle.loads(entry.read_bytes())
    mission = pickle.loads(mission_blob)
    fake = mission.__class__(**{**mission.__dict__, "slug": "from-another-pmp"})
    entry.write_bytes(pickle.dumps((("another pmp", key[1]), (pickle.dumps(fake), problems))))
    assert load_mission(example_in_cwd)[0].slug == "ressourcerie-du-val"
    # another version of pmp keeps its entries in a folder of its own
    monkeypatch.setattr(cache, "__version__", "99.0")
    assert cache.cache_dir().name == "missions-99.0"
    assert load_mission(example_in_cwd)[0].slug == "ressourcerie-du-val"
    assert len(entries(own_cache)) == 2


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
    assert any(p.parent.name == "status" for p in entries(own_cache))
    _same_size_edit(example_in_cwd / "journal.yaml", "status: blocked", "status: done   ")
    assert progress() != 45


def test_the_search_texts_kept_in_the_cache_follow_the_files(example_in_cwd, own_cache, pmp):
    assert "R1  préconisation" in pmp("search", "parcours").stdout
    _same_size_edit(example_in_cwd / "recommendations.yaml", "Créer un parcours", "Créer un chemin  ")
    result = pmp("search", "chemin", "--kind", "recommendation")
    assert result.stdout.splitlines()[1] == "    Créer un chemin d’accueil des nouveaux bénévoles"  # spaces collapsed
