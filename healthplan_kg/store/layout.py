"""Where an embedded store lives on disk, so that a build owns it and readers never see a gap.

``--store PATH`` names a stable path. Since builds swap whole stores in, ``PATH`` is a symbolic
link to one complete, finished store in a folder beside it::

    PATH                  -> PATH.versions/v-<time>   the current store; readers open this
    PATH.versions/v-...   finished stores: the current one and the one before it (a reader that
                          opened it just before a swap may still be reading it)
    PATH.versions/tmp-<pid>-...   a build in progress (left behind only by a killed build)
    PATH.versions/build.lock      held by the one build allowed to write (``BuildLock``)

A build writes a ``tmp-`` folder, renames it to a version and replaces the link with
``os.replace`` (``rename(2)``): atomic, so at every instant ``PATH`` names a complete store, the
old or the new. A reader resolves the link once when it opens (``resolve_store``), so a swap
during its reading cannot mix two stores' files. The lock is an ``flock`` on a file: the kernel
drops it when its process dies, even by ``kill -9``, so a killed build never blocks the next
one, which then removes what the killed one left (``clean_leftovers``).

A store made by an older version of this package (``PATH`` a plain folder) is still opened as it
is, and the next build moves it into ``PATH.versions`` once.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from pathlib import Path

from healthplan_kg.errors import StoreError

VERSIONS_SUFFIX = ".versions"
LOCK_NAME = "build.lock"
_VERSION_PREFIX = "v-"
_TEMP_PREFIX = "tmp-"


def versions_dir(target: Path) -> Path:
    """The folder beside ``target`` that holds its versions, a build in progress and the lock."""
    return target.with_name(target.name + VERSIONS_SUFFIX)


def resolve_store(target: Path) -> Path:
    """The folder a reader should open for ``target``: the version its link points at now (or
    ``target`` itself for a store of the older, plain-folder layout)."""
    return Path(os.path.realpath(target)) if target.is_symlink() else target


def is_managed_link(target: Path) -> bool:
    """Whether ``target`` is a link into its own versions folder (a store this layout made)."""
    if not target.is_symlink():
        return False
    return Path(os.readlink(target)).parent.name == versions_dir(target).name


class BuildLock:
    """The right to write ``target``: one build at a time; a second is refused with one line.

    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> with BuildLock(folder / "store"):
    ...     BuildLock(folder / "store").acquire()  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    healthplan_kg.errors.StoreError: another build (process ...) is writing ...
    """

    def __init__(self, target: Path) -> None:
        self.target = Path(target)
        self.file = versions_dir(self.target) / LOCK_NAME
        self._handle = None
        self.created_folder = False

    def acquire(self) -> BuildLock:
        import fcntl

        folder = self.file.parent
        if not folder.is_dir():
            folder.mkdir(parents=True, exist_ok=True)
            self.created_folder = True
        handle = open(self.file, "a+", encoding="utf-8")  # noqa: SIM115 (held until release)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            handle.close()
            raise StoreError(f"another build (process {holder}) is writing {self.target}; wait for it "
                             f"to finish, or build into another --store") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._handle = handle
        return self

    def release(self) -> None:
        if self._handle is None:
            return
        folder = self.file.parent
        if self.created_folder and not any(p.name != LOCK_NAME for p in folder.iterdir()):
            # a first build that wrote nothing leaves nothing behind
            self.file.unlink(missing_ok=True)
            self._handle.close()
            self._handle = None
            with contextlib.suppress(OSError):
                folder.rmdir()
            return
        self._handle.close()   # closing the file drops the flock
        self._handle = None

    def __enter__(self) -> BuildLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def new_build_folder(target: Path) -> Path:
    """An empty folder for a build in progress, in ``target``'s versions folder."""
    folder = versions_dir(target)
    folder.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{_TEMP_PREFIX}{os.getpid()}-", dir=folder))


def _versions(target: Path) -> list[Path]:
    folder = versions_dir(target)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name.startswith(_VERSION_PREFIX) and p.is_dir())


def publish(new: Path, target: Path) -> None:
    """Make the finished store in ``new`` the one ``target`` names, in one atomic rename of a link,
    and remove the versions no reader can still be using (all but the new and the one before)."""
    folder = versions_dir(target)
    if target.exists() and not target.is_symlink():
        # the plain-folder layout of older versions: moved in once (the only swap with a gap)
        target.rename(folder / f"{_VERSION_PREFIX}{time.time_ns():020d}-migrated")
    version = folder / f"{_VERSION_PREFIX}{time.time_ns():020d}"
    new.rename(version)
    link = folder / f"{_TEMP_PREFIX}link-{os.getpid()}"
    link.unlink(missing_ok=True)
    link.symlink_to(Path(folder.name) / version.name)
    os.replace(link, target)
    _remove_old_versions(target, keep=2)


def _remove_old_versions(target: Path, keep: int) -> None:
    current = resolve_store(target).resolve()
    older = [v for v in _versions(target) if v.resolve() != current]
    for version in older[: max(0, len(older) - (keep - 1))]:
        shutil.rmtree(version, ignore_errors=True)


def clean_leftovers(target: Path) -> list[Path]:
    """Remove what killed builds left (called with the lock held, so no build is using them):
    ``tmp-`` folders and links in the versions folder, versions older than the one before the
    current, and the ``NAME.tmp-*``/``NAME.old-*`` folders of the older swap-by-renames layout.
    Returns what was removed."""
    removed: list[Path] = []
    folder = versions_dir(target)
    if folder.is_dir():
        for entry in folder.iterdir():
            if entry.name.startswith(_TEMP_PREFIX):
                removed.append(entry)
                if entry.is_symlink() or entry.is_file():
                    entry.unlink(missing_ok=True)
                else:
                    shutil.rmtree(entry, ignore_errors=True)
    for prefix in (f"{target.name}.tmp-", f"{target.name}.old-"):
        for entry in target.parent.glob(prefix + "*"):
            if entry.is_dir() and not entry.is_symlink() and _looks_like_store(entry):
                removed.append(entry)
                shutil.rmtree(entry, ignore_errors=True)
    if target.is_symlink():
        before = set(_versions(target))
        _remove_old_versions(target, keep=2)
        removed.extend(sorted(before - set(_versions(target))))
    return removed


def _looks_like_store(folder: Path) -> bool:
    """An Oxigraph folder or an empty one: never remove a folder a user keeps other things in."""
    names = {p.name for p in folder.iterdir()}
    return not names or "CURRENT" in names or any(n.endswith(".sst") or n.startswith("MANIFEST") for n in names)


def check_replaceable(target: Path, store_marker: str) -> None:
    """Refuse to take over a path that is not a store: a user's folder, a file, a foreign link."""
    if target.is_symlink():
        if not is_managed_link(target):
            raise StoreError(f"{target} is a link that this package did not make; refusing to replace it")
        return
    if not target.exists():
        return
    if not target.is_dir():
        raise StoreError(f"{target} exists and is not a healthplan-kg store; refusing to replace it")
    names = {p.name for p in target.iterdir()}
    if names and "CURRENT" not in names and store_marker not in names:
        raise StoreError(f"{target} exists and is not a healthplan-kg store; refusing to replace it")
