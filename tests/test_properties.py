"""Property-based tests (Hypothesis): whatever the input, pmp answers without crashing."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from conftest import EXAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pamplemousse.cli import run
from pamplemousse.errors import UsageError
from pamplemousse.write.scaffold import WINDOWS_RESERVED, check_slug

YAMLISH = st.text(
    alphabet=st.sampled_from(list("abcRS01:- \n\t[]{}&*!#'\"|>%@`,?<.\\é\u00a0\u202e\x00\ufeff")),
    max_size=200,
)
FILES = ["mission.yaml", "vision.yaml", "questions.yaml", "recommendations.yaml", "journal.yaml"]


def _check_with(name: str, content: bytes, capsys) -> tuple[int, str]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "missions" / "m"
        shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("out"))
        (folder / name).write_bytes(content)
        capsys.readouterr()
        code = run(["check", str(folder)])
        out = capsys.readouterr()
        return code, out.out + out.err


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(FILES), content=st.binary(max_size=300))
def test_any_bytes_give_an_answer_not_a_crash(name, content, capsys):
    code, output = _check_with(name, content, capsys)
    assert code in (0, 1, 2), output
    assert "Traceback" not in output and "désolé" not in output


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(FILES), text=YAMLISH)
def test_any_yaml_like_text_gives_located_problems(name, text, capsys):
    code, output = _check_with(name, text.encode("utf-8", "surrogatepass"), capsys)
    assert code in (0, 1, 2), output
    assert "Traceback" not in output and "désolé" not in output
    if code == 1:
        problems = [line for line in output.splitlines() if re.match(r".+:\d+:\d+: ", line)]
        assert problems, output


SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@settings(max_examples=200)
@given(st.text(max_size=30) | st.from_regex(SLUG, fullmatch=True) | st.sampled_from(sorted(WINDOWS_RESERVED)))
def test_only_valid_slugs_are_accepted(slug):
    valid = bool(SLUG.fullmatch(slug)) and len(slug) <= 60 and slug not in WINDOWS_RESERVED
    try:
        check_slug(slug)
        accepted = True
    except UsageError:
        accepted = False
    assert accepted == valid, slug
