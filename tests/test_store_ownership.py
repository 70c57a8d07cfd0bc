"""A build owns its store: one writer at a time, readers never see a gap or an error, a killed
build leaves the old store intact and nothing behind that the next build does not clear.

Regression tests for issue 15: two builds into one store both ran (the last silently won); a
query opening the store during the swap crashed, and the store path briefly did not exist; a
killed build left temporary folders and worker processes behind.
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from healthplan_kg import resources
from healthplan_kg.api import KnowledgeGraph
from healthplan_kg.build import build
from healthplan_kg.errors import StoreError
from healthplan_kg.store import EmbeddedStore
from healthplan_kg.store.layout import BuildLock, versions_dir

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process checks read /proc")

EXTRA = "Helsedirektoratet har fått i oppdrag å følgje opp planen for eldre i kommunane.\n"


def cli(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "healthplan_kg.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)


def dump(path: Path) -> bytes:
    store = EmbeddedStore.open(path, read_only=True)
    buffer = io.BytesIO()
    store.dump(buffer)
    store.close()
    return b"".join(sorted(buffer.getvalue().splitlines(keepends=True)))


@pytest.fixture
def corpora(tmp_path) -> tuple[Path, Path]:
    """The bundled corpus, and the same with one more document (so two builds differ)."""
    first, second = tmp_path / "c1", tmp_path / "c2"
    shutil.copytree(resources.corpus_dir(), first)
    shutil.copytree(resources.corpus_dir(), second)
    (second / "ekstra.txt").write_text(EXTRA, encoding="utf-8")
    return first, second


def session_processes(session: int) -> list[int]:
    """Live (not zombie) processes whose session is ``session``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[3]) == session and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def test_a_second_build_is_refused_with_one_line_while_one_holds_the_store(corpora, tmp_path):
    store = tmp_path / "store"
    with BuildLock(store):
        proc = cli("build", "--corpus", str(corpora[0]), "--store", str(store), "--no-validate")
        _, err = proc.communicate(timeout=300)
    assert proc.returncode == 2
    assert err.count("\n") == 1 and "another build (process " in err and "is writing" in err, err
    with pytest.raises(StoreError, match="another build"), BuildLock(store):
        build([corpora[0]], store_path=store, jobs=1, progress=False, check=False)


def test_two_builds_started_together_one_builds_one_is_refused(corpora, tmp_path):
    store = tmp_path / "store"
    procs = [cli("build", "--corpus", str(c), "--store", str(store), "--no-validate", "-j", "1") for c in corpora]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    assert sorted(code for code, _ in results) == [0, 2], results
    refused = next(err for code, err in results if code == 2)
    assert refused.count("\n") == 1 and "another build" in refused
    built_from = corpora[[code for code, _ in results].index(0)]
    reference = tmp_path / "reference"
    build([built_from], store_path=reference, jobs=1, progress=False, check=False)
    assert dump(store) == dump(reference)


def test_an_open_graph_knows_a_newer_build_exists_and_keeps_its_own(corpora, tmp_path):
    store = tmp_path / "store"
    build([corpora[0]], store_path=store, jobs=1, progress=False, check=False)
    graph = KnowledgeGraph.open(store)
    before = len(graph.store)
    assert not graph.newer_build_exists()
    build([corpora[1]], store_path=store, jobs=1, progress=False, check=False)
    assert graph.newer_build_exists()
    assert len(graph.store) == before
    graph = graph.reopen()
    assert not graph.newer_build_exists() and len(graph.store) > before


READER = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from healthplan_kg.store import EmbeddedStore
    store, stop = Path(sys.argv[1]), Path(sys.argv[2])
    counts, errors = {}, []
    while not stop.exists():
        try:
            opened = EmbeddedStore.open(store, read_only=True)
            size = len(opened.named_graphs())
            opened.close()
            counts[size] = counts.get(size, 0) + 1
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}"[:300])
    print(json.dumps({"counts": counts, "errors": errors}))
""")


def test_readers_hammering_a_store_during_repeated_builds_see_no_error(corpora, tmp_path):
    store, stop = tmp_path / "store", tmp_path / "stop"
    sizes = set()
    build([corpora[0]], store_path=store, jobs=1, progress=False, check=False)
    sizes.add(len(EmbeddedStore.open(store, read_only=True).named_graphs()))
    readers = [subprocess.Popen([sys.executable, "-c", READER, str(store), str(stop)], stdout=subprocess.PIPE,
                                text=True) for _ in range(2)]
    try:
        time.sleep(1.0)
        for round_ in range(4):
            build([corpora[(round_ + 1) % 2]], store_path=store, jobs=1, progress=False, check=False,
                  optimize=False)
            sizes.add(len(EmbeddedStore.open(store, read_only=True).named_graphs()))
    finally:
        stop.touch()
        outputs = [json.loads(reader.communicate(timeout=60)[0]) for reader in readers]
    assert all(output["errors"] == [] for output in outputs), [o["errors"][:3] for o in outputs]
    seen = {int(size) for output in outputs for size in output["counts"]}
    assert seen <= sizes and len(sizes) == 2
    assert sum(n for output in outputs for n in output["counts"].values()) > 20


def test_builds_killed_at_random_moments_leave_the_old_store_and_nothing_behind(corpora, tmp_path):
    """``kill -9`` of the build process alone (its workers are not signalled): the store path
    still holds a complete store, the old or the finished new one; no worker outlives it; the next
    build clears the killed builds' folders."""
    store = tmp_path / "store"
    reference = tmp_path / "reference"
    build([corpora[0]], store_path=store, jobs=1, progress=False, check=False)
    build([corpora[1]], store_path=reference, jobs=1, progress=False, check=False)
    old, new = dump(store), dump(reference)
    chance = random.Random(int(os.environ.get("KILL_SEED", "15")))
    for _ in range(4):
        proc = cli("build", "--corpus", str(corpora[1]), "--store", str(store), "--no-validate", "-j", "2",
                   start_new_session=True)
        time.sleep(chance.uniform(0.5, 4.0))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        deadline = time.monotonic() + 15
        while session_processes(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert session_processes(proc.pid) == [], "a worker outlived its killed build"
        assert dump(store) in (old, new)
    done = build([corpora[1]], store_path=store, jobs=1, progress=False, check=False)
    assert done.quads > 0 and dump(store) == new
    left = sorted(p.name for p in versions_dir(store).iterdir())
    assert left[0] == "build.lock" and all(name.startswith("v-") for name in left[1:]) and len(left) <= 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c1", "c2", "reference", "reference.versions",
                                                          "store", "store.versions"]


def test_the_next_build_removes_folders_killed_builds_left(corpora, tmp_path):
    store = tmp_path / "store"
    build([corpora[0]], store_path=store, jobs=1, progress=False, check=False)
    (versions_dir(store) / "tmp-999999-abandoned").mkdir()
    (versions_dir(store) / "tmp-999999-abandoned" / "CURRENT").write_text("x")
    older_layout = tmp_path / "store.tmp-k1ll3d"   # what builds before the versioned layout left
    older_layout.mkdir()
    (older_layout / "CURRENT").write_text("x")
    users_folder = tmp_path / "store.tmp-notes"    # not a store: never touched
    users_folder.mkdir()
    (users_folder / "mine.txt").write_text("x")
    build([corpora[0]], store_path=store, jobs=1, progress=False, check=False)
    assert not (versions_dir(store) / "tmp-999999-abandoned").exists() and not older_layout.exists()
    assert (users_folder / "mine.txt").exists()


def test_a_store_of_the_older_plain_folder_layout_is_opened_and_then_moved_in(corpora, tmp_path):
    store = tmp_path / "store"
    build([corpora[0]], store_path=tmp_path / "new", jobs=1, progress=False, check=False)
    shutil.copytree(tmp_path / "new", store)   # a plain folder, as older versions wrote
    assert not store.is_symlink() and len(EmbeddedStore.open(store, read_only=True)) > 0
    build([corpora[1]], store_path=store, jobs=1, progress=False, check=False)
    assert store.is_symlink() and dump(store) == dump(store)
