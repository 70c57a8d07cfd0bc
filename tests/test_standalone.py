"""The project stands on its own: nothing it runs or tests needs the steering folder ``../shared``.

A clone, a fork or an sdist has nothing beside it. The code and the benchmark harness read only
the repository (the analyst contract is the ``#+ contract: true`` saved queries); the tests that
compare the project with ``../shared`` ask for the ``shared_folder`` fixture of conftest.py, the
one file under tests/ that names the folder, and skip with a reason naming it where it is absent;
``make score``/``make score-dev`` stop with one line. ``.ci/run`` also runs these tests, and the
ones that use the fixture, in a clone with no ``../shared`` beside it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import shared_path

ROOT = Path(__file__).resolve().parents[1]
#: A string literal that names the folder: "shared", "../shared", "shared/gold/dev.json".
_NAMES_SHARED = re.compile(r"""(["'])(?:\.\./)?shared(?:/[^"'\n]*)?\1""")
#: The one file allowed to name it, and this one (its examples of what the check catches).
_ALLOWED = {ROOT / "tests" / "conftest.py", Path(__file__).resolve()}


def _python_files() -> list[Path]:
    """The code ``make test`` and the package run. Not scripts/: those are maintainer tools run by
    hand that may default to ../shared (scripts/generate_reference.py); a test that calls one
    passes the folder it got from the fixture."""
    folders = ["healthplan_kg", "benchmarks", "tests"]
    return sorted(path for folder in folders for path in (ROOT / folder).rglob("*.py"))


def test_only_conftest_names_the_shared_folder():
    naming = [f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, match.start()) + 1}: {match.group(0)}"
              for path in _python_files() if path not in _ALLOWED
              for text in [path.read_text(encoding="utf-8")]
              for match in _NAMES_SHARED.finditer(text)]
    assert not naming, "read ../shared only through the shared_folder fixture:\n" + "\n".join(naming)


def test_the_check_sees_a_path_built_to_the_folder():
    """The pattern above must catch the usual ways a path is written, or the test proves nothing."""
    written = ['ROOT.parent / "shared" / "CONTRACT.md"', "Path('../shared/gold/dev.json')",
               'parents[2] / "shared"']
    assert all(_NAMES_SHARED.search(line) for line in written)
    assert not _NAMES_SHARED.search('"the server is shared with the other tests"')


def test_an_absent_folder_skips_with_a_reason_that_names_it(tmp_path):
    with pytest.raises(pytest.skip.Exception, match=r"\.\./shared is absent .*none"):
        shared_path("CONTRACT.md", folder=tmp_path / "none")
    (tmp_path / "present").mkdir()
    with pytest.raises(pytest.skip.Exception, match=r"\.\./shared has no gold/dev\.json"):
        shared_path("gold", "dev.json", folder=tmp_path / "present")
    assert shared_path(folder=tmp_path / "present") == tmp_path / "present"


@pytest.mark.parametrize("target", ["score", "score-dev"])
def test_make_score_stops_with_one_line_when_the_folder_is_absent(target, tmp_path):
    make = shutil.which("make")
    if make is None:
        pytest.skip("no `make` on PATH")
    absent = tmp_path / "absent"
    done = subprocess.run([make, "--no-print-directory", "-C", str(ROOT), target, f"SHARED={absent}"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stdout == ""   # stopped before the virtualenv or a build was even looked at
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and f"{absent} is absent" in lines[0] and f"make {target}" in lines[0]
