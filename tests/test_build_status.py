"""Big documents keep streaming progress (issue 15): while a build runs, each document in progress
is reported by name with its stage (read, extract, map, write) and its seconds so far, to the
Python API's ``on_status`` hook and, on a terminal, in the rich progress line; ``-q`` shows none."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from test_cli import run

from healthplan_kg.build import build
from healthplan_kg.status import STAGES, DocumentStatus, StatusBoard

pytestmark = pytest.mark.slow

#: Own sentences, bokmål and nynorsk, repeated with a number so no two are the same.
_SENTENCES = (
    "Helse- og omsorgsdepartementet vil styrke samarbeidet mellom kommunene og sykehusene i region {n}.",
    "Regjeringa vil gje fastlegane betre vilkår i kommune nummer {n}, og arbeidet held fram.",
    "Helsedirektoratet fikk i oppdrag å utrede tiltak for pasientforløp nummer {n}.",
    "Planen omtalar tiltak {n} for eldre med samansette behov og for barn og unge.",
)


def big_document(path: Path, size: int) -> Path:
    """A generated policy text of about ``size`` bytes, in paragraphs of eight sentences."""
    lines, total, n = ["Ein stor plan for helse og samhandling", ""], 0, 0
    while total < size:
        sentence = _SENTENCES[n % len(_SENTENCES)].format(n=n)
        lines.append(sentence)
        total += len(sentence.encode()) + 1
        n += 1
        if n % 8 == 0:
            lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def small_document(path: Path, n: int) -> Path:
    path.write_text(f"Notat {n}\n\nHelsedirektoratet skal følge opp tiltak {n} i planen.\n", encoding="utf-8")
    return path


def _stages_of(heard: list[DocumentStatus], name: str) -> list[str]:
    """The stages reported for one document, each once, in the order they first came."""
    seen: list[str] = []
    for status in heard:
        if status.path.name == name and status.stage not in seen:
            seen.append(status.stage)
    return seen


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_big_document_reports_each_stage_by_name(tmp_path, jobs):
    """In this process (jobs=1) and from worker processes (jobs=2, with small documents beside,
    as the pool starts only for several documents), the same statuses arrive."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    big_document(corpus / "stor-plan.txt", 150_000)
    for n in range(7 if jobs > 1 else 0):
        small_document(corpus / f"notat-{n}.txt", n)
    heard: list[DocumentStatus] = []
    report = build([corpus], store_path=tmp_path / "store", jobs=jobs, progress=False, check=False,
                   on_status=heard.append)
    assert report.documents == (8 if jobs > 1 else 1)
    assert _stages_of(heard, "stor-plan.txt") == list(STAGES)
    assert all(s.stage in STAGES and s.seconds >= 0 for s in heard)
    assert all(s.path.parent == corpus for s in heard)
    if jobs > 1:
        assert _stages_of(heard, "notat-3.txt") == list(STAGES)
    # seconds count from the document's first stage, through to its writing
    big = [s.seconds for s in heard if s.path.name == "stor-plan.txt"]
    assert big == sorted(big)


def test_the_board_repeats_every_document_in_progress_until_it_is_done():
    heard: list[DocumentStatus] = []
    arrived = threading.Event()

    def hear(status: DocumentStatus) -> None:
        heard.append(status)
        if sum(1 for s in heard if s.stage == "extract") >= 4:
            arrived.set()

    with StatusBoard(hear, interval=0.02) as board:
        board.stage("stor.txt", "read")
        board.stage("stor.txt", "extract")
        assert arrived.wait(10), heard
        board.done("stor.txt")
        count = len(heard)
        time.sleep(0.1)
        assert len(heard) == count, "a finished document is no longer reported"
    assert {s.path.name for s in heard} == {"stor.txt"}


def test_late_worker_messages_do_not_bring_back_a_written_document():
    heard: list[DocumentStatus] = []
    with StatusBoard(heard.append, interval=60) as board:
        board.worker_said("a.txt", "read")
        board.worker_said("a.txt", "done")    # the worker has finished it
        board.stage("a.txt", "write")          # the build writes it
        board.worker_said("a.txt", "map")     # a late message from the worker
        assert [s.stage for s in board.snapshot()] == ["write"]
        board.done("a.txt")
        board.worker_said("a.txt", "done")
        assert board.snapshot() == []


def test_the_command_line_shows_the_document_and_its_stage_on_a_terminal_and_nothing_with_q(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    big_document(corpus / "stor-plan.txt", 150_000)
    terminal = {"TTY_COMPATIBLE": "1", "COLUMNS": "200"}   # rich draws its live line as on a terminal
    shown = run("build", "--corpus", str(corpus), "--store", str(tmp_path / "a"), "--no-validate", "-j", "1",
                env=terminal)
    assert shown.returncode == 0, shown.stderr
    assert "stor-plan.txt: extract" in shown.stderr
    quiet = run("build", "--corpus", str(corpus), "--store", str(tmp_path / "b"), "--no-validate", "-j", "1",
                "-q", env=terminal)
    assert quiet.returncode == 0, quiet.stderr
    assert "stor-plan.txt" not in quiet.stderr
    assert quiet.stderr.strip().count("\n") == 0   # the summary line only


def test_writing_waits_for_the_workers_last_word_so_stages_keep_their_order():
    """A worker's stages come over a queue and its result over a pipe; when the result is first,
    ``write`` is still heard after the worker's ``read``, ``extract`` and ``map``."""
    heard: list[DocumentStatus] = []
    with StatusBoard(heard.append, interval=60) as board:
        def worker() -> None:
            time.sleep(0.05)   # the queue's messages arrive after the result
            for stage in ("read", "extract", "map", "done"):
                board.worker_said("sen.txt", stage)
        late = threading.Thread(target=worker)
        late.start()
        board.writing("sen.txt", wait=5)
        late.join()
        board.done("sen.txt")
    assert [s.stage for s in heard] == list(STAGES)


def test_writing_does_not_wait_forever_for_a_lost_message():
    heard: list[DocumentStatus] = []
    with StatusBoard(heard.append, interval=60) as board:
        board.writing("stille.txt", wait=0.05)
        board.done("stille.txt")
    assert [s.stage for s in heard] == ["write"]
