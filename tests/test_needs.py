"""tests/conftest.py's `needs` marker, run by pytest itself on a small test file (pytester): a test
whose program is missing skips with one line naming the package, fails under PMP_REQUIRE_ALL=1, and
runs when the program is there."""

from __future__ import annotations

from pathlib import Path

import pytest

CONFTEST = Path(__file__).with_name("conftest.py")
# in this process: the copy of conftest.py imported under a name of its own, beside this run's `conftest`
OPTIONS = ("-p", "no:cacheprovider", "-p", "no:xdist", "-p", "no:hypothesispytest", "--import-mode=importlib")
TESTS = """
import shutil

import pytest

@pytest.mark.needs("pdftoppm")
def test_rasterises():
    assert shutil.which("pdftoppm")

def test_needs_nothing():
    pass
"""


@pytest.fixture
def inner(pytester, monkeypatch, tmp_path):
    """A test run with our conftest and a PATH of its own: `inner(present=True)` puts a pdftoppm on it."""
    pytester.makeconftest(CONFTEST.read_text("utf-8"))
    pytester.makepyfile(test_inner=TESTS)
    monkeypatch.delenv("PMP_REQUIRE_ALL", raising=False)

    def run(present: bool, *args: str):
        bin_dir = tmp_path / ("bin" if present else "empty")
        bin_dir.mkdir(exist_ok=True)
        if present:
            (bin_dir / "pdftoppm").write_text("#!/bin/sh\n", "utf-8")
            (bin_dir / "pdftoppm").chmod(0o755)
        monkeypatch.setenv("PATH", str(bin_dir))
        return pytester.runpytest_inprocess(*OPTIONS, *args)

    return run


def test_a_missing_program_skips_with_one_line_naming_its_package(inner):
    result = inner(present=False)
    result.assert_outcomes(passed=1, skipped=1)
    assert result.ret == 0
    assert "1 skipped: needs pdftoppm (apt-get install poppler-utils)" in result.outlines


def test_under_require_all_a_missing_program_fails(inner, monkeypatch):
    monkeypatch.setenv("PMP_REQUIRE_ALL", "1")
    result = inner(present=False)
    result.assert_outcomes(passed=1, errors=1)
    assert result.ret == 1
    assert "needs pdftoppm (apt-get install poppler-utils), and PMP_REQUIRE_ALL is set" in result.stdout.str()


def test_a_present_program_runs_the_test(inner, monkeypatch):
    monkeypatch.setenv("PMP_REQUIRE_ALL", "1")
    result = inner(present=True)
    result.assert_outcomes(passed=2)
    assert not any("skipped" in line for line in result.outlines)


def test_an_unknown_need_is_an_error_not_a_skip(pytester):
    pytester.makeconftest(CONFTEST.read_text("utf-8"))
    pytester.makepyfile(test_typo='import pytest\n\n@pytest.mark.needs("chromuim")\ndef test_x():\n    pass\n')
    result = pytester.runpytest_inprocess(*OPTIONS)
    result.assert_outcomes(errors=1)
    assert "needs: unknown ['chromuim']; known: ['axe-core', 'chromium'," in result.stdout.str()
