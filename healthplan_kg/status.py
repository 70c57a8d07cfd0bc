"""What a build is doing right now, document by document: for a person watching a big document.

A white paper of 2 MB takes seconds; without a word in that time a build looks hung. Each
document's work passes through stages (``read``, ``extract``, ``map`` in the worker that has it,
``write`` while the store takes its quads); ``StatusBoard`` keeps the stage and start time of
every document in progress and calls ``on_status`` with a ``DocumentStatus`` whenever a
document changes stage and, from a ticker thread, at least every ``interval`` seconds for each
document still in progress. Workers in other processes send their stage changes over a queue
(``extraction_pool``); the board lives in the process that started the build.

>>> heard = []
>>> with StatusBoard(heard.append, interval=60) as board:
...     board.stage("big.txt", "read")
...     board.stage("big.txt", "extract")
...     board.done("big.txt")
>>> [(s.path.name, s.stage) for s in heard]
[('big.txt', 'read'), ('big.txt', 'extract')]
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

#: The stages of one document, in order.
STAGES = ("read", "extract", "map", "write")


@dataclass(frozen=True)
class DocumentStatus:
    """One document in progress: its path, its stage, and seconds since its work began."""

    path: Path
    stage: str
    seconds: float

    def line(self) -> str:
        return f"{self.path.name}: {self.stage} {self.seconds:.0f} s"


class StatusBoard:
    """The documents in progress and a ticker that reports them (a context manager)."""

    def __init__(self, on_status: Callable[[DocumentStatus], None], *, interval: float = 1.0) -> None:
        self.on_status = on_status
        self.interval = interval
        self._lock = threading.Lock()
        self._current: dict[str, tuple[str, float]] = {}   # path -> (stage, when its work began)
        self._waiting: dict[str, float] = {}   # extracted, not yet written: when its work began
        self._worker_done = threading.Condition(self._lock)   # notified when a worker says done
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def stage(self, path: str | Path, stage: str, began: float | None = None) -> None:
        """``path`` has entered ``stage`` (``began``: when its work started, if known elsewhere)."""
        key = str(path)
        with self._lock:
            if key in self._current:
                start = self._current[key][1]
            else:
                start = self._waiting.pop(key, None) or began or time.monotonic()
            self._current[key] = (stage, start)
        self.on_status(DocumentStatus(Path(key), stage, time.monotonic() - start))

    def writing(self, path: str | Path, *, wait: float = 1.0) -> None:
        """``path`` is being written: reported once its extraction has said ``done``.

        A worker's stage changes travel over a queue, its result over the pool's pipe; the two
        may arrive in either order. Waiting (at most ``wait`` seconds, normally well under a
        millisecond) for the worker's last word keeps each document's stages in their order."""
        key = str(path)
        with self._worker_done:
            self._worker_done.wait_for(lambda: key in self._waiting, timeout=wait)
        self.stage(key, "write")

    def done(self, path: str | Path) -> None:
        with self._lock:
            self._current.pop(str(path), None)
            self._waiting.pop(str(path), None)

    def worker_said(self, path: str, stage: str) -> None:
        """A stage change sent by the worker extracting ``path`` (``done`` when it has finished).

        Messages from a worker may arrive after its result has, when the build already writes
        the document: they are ignored then, and the worker's last word, ``done``, removes only
        what the worker itself reported, so no finished document stays on the board."""
        with self._lock:
            current = self._current.get(path)
            if current is not None and current[0] == "write":
                return
            if stage == "done":
                self._waiting[path] = current[1] if current is not None else time.monotonic()
                self._current.pop(path, None)
                self._worker_done.notify_all()
                return
        self.stage(path, stage)

    def snapshot(self) -> list[DocumentStatus]:
        now = time.monotonic()
        with self._lock:
            return [DocumentStatus(Path(p), stage, now - start) for p, (stage, start) in self._current.items()]

    def _tick(self) -> None:
        while not self._stop.wait(self.interval):
            for status in self.snapshot():
                self.on_status(status)

    def __enter__(self) -> StatusBoard:
        self._thread = threading.Thread(target=self._tick, name="healthplan-kg-status", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
