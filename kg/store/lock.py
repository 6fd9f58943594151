"""Who may open an embedded store: one writer or many readers, across processes.

RocksDB (under Oxigraph) lets one process open a store folder for writing, and opening it
read-only while another process writes is undefined behaviour. So every process that
opens a store first takes an ``flock(2)`` lock on ``DIR/kg.lock``: writers (``kg build``,
``kg serve --allow-update``) exclusive, readers (``kg query``, ``export``, ``stats``,
``validate``, ``viz``, a read-only ``kg serve``) shared. The kernel drops the lock when the
process ends, even by ``kill -9``, so a crashed build never leaves a stale lock behind.

A process that finds the store taken waits a bounded time (``KG_LOCK_WAIT`` seconds;
default 10 for readers, 30 for writers), saying once on the ``kg.store.lock`` logger why,
then gives up with a :class:`~kg.errors.StoreError` naming the holder. To query a store
while it is being built, serve it (``kg serve``): the server owns the store, and a
``kg build`` aimed at a served folder sends its writes to the server (see
:func:`served_endpoint`).
"""
from __future__ import annotations

import errno
import fcntl
import json
import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import StoreError

__all__ = ["StoreLock", "LOCK_FILE", "SERVE_FILE", "lock_store", "holders", "served_endpoint"]

#: the lock file inside a store folder
LOCK_FILE = "kg.lock"
#: what ``kg serve`` writes into the folder of a store it owns (its URL, pid, whether it takes updates)
SERVE_FILE = "serve.json"

_log = logging.getLogger(__name__)
_POLL = 0.05
_DEFAULT_WAIT = {"shared": 10.0, "exclusive": 30.0}

# Locks this process holds, per lock file: flock(2) locks taken through different open
# files conflict even inside one process, so a second open here would wait for itself.
_held: dict[str, list[str]] = {}
_held_guard = threading.Lock()


@dataclass
class Holder:
    """A process holding a store's lock, as /proc/locks and /proc/PID/cmdline tell."""

    pid: int
    mode: str  # "shared" | "exclusive"
    command: str

    def __str__(self) -> str:
        return f"pid {self.pid}: {self.command}" if self.command else f"pid {self.pid}"


def _wait_seconds(mode: str) -> float:
    written = os.environ.get("KG_LOCK_WAIT")
    if written:
        try:
            return max(0.0, float(written))
        except ValueError:
            pass
    return _DEFAULT_WAIT[mode]


def _command(pid: int, *, parent: bool = True) -> str:
    """``kg build`` for a process running the kg command (``kg serve`` for its workers), else its program name."""
    try:
        argv = [a.decode("utf-8", "replace") for a in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0") if a]
    except OSError:
        return ""
    for i, arg in enumerate(argv):
        if (os.path.basename(arg) == "kg" or (arg == "kg" and i and argv[i - 1] == "-m")) and i + 1 < len(argv):
            sub = next((a for a in argv[i + 1:] if not a.startswith("-")), "")
            return f"kg {sub}".strip()
    if parent:  # a worker process of a kg command (kg serve's query workers, kg build -j)
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            ppid = int(status.split("PPid:", 1)[1].split()[0])
        except (OSError, IndexError, ValueError):
            ppid = 0
        owner = _command(ppid, parent=False) if ppid > 1 else ""
        if owner.startswith("kg"):
            return owner
    return os.path.basename(argv[0]) if argv else ""


def holders(lock_path: str | Path) -> list[Holder]:
    """The processes holding ``lock_path`` (Linux; an empty list where /proc/locks is missing)."""
    try:
        st = os.stat(lock_path)
        table = Path("/proc/locks").read_text()
    except OSError:
        return []
    device = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    found: dict[int, Holder] = {}
    for line in table.splitlines():
        fields = line.split()
        if "->" in fields or len(fields) < 6 or fields[1] != "FLOCK":
            continue  # "->" marks a process waiting for the lock, not holding it
        if fields[5] != device:
            continue
        pid = int(fields[4]) if fields[4].isdigit() else 0
        if pid and pid != os.getpid():
            found[pid] = Holder(pid, "exclusive" if fields[3] == "WRITE" else "shared", _command(pid))
    return list(found.values())


def _describe(folder: Path, lock_path: Path, wanted: str) -> str:
    taken = holders(lock_path)
    writers = [h for h in taken if h.mode == "exclusive"]
    if writers or wanted == "shared":
        who = ", ".join(map(str, writers)) or _recorded_writer(lock_path)
        return f"store {folder} is being written by another process{f' ({who})' if who else ''}"
    who = ", ".join(map(str, taken[:3])) + (f" and {len(taken) - 3} more" if len(taken) > 3 else "")
    return f"store {folder} is being read by another process{f' ({who})' if who else ''}"


def _recorded_writer(lock_path: Path) -> str:
    """What the writer wrote into the lock file (where /proc/locks cannot tell)."""
    try:
        record = json.loads(lock_path.read_text(encoding="utf-8") or "{}")
        return f"pid {int(record['pid'])}: {record.get('command', '')}".rstrip(": ")
    except (OSError, ValueError, KeyError, TypeError):
        return ""


class StoreLock:
    """A shared or exclusive lock on a store folder, held until :meth:`release`."""

    def __init__(self, folder: str | Path, mode: str):
        if mode not in ("shared", "exclusive"):
            raise ValueError(mode)
        self.folder, self.mode = Path(folder), mode
        self.path = self.folder / LOCK_FILE
        self._fd: int | None = None
        self._key = str(self.path.resolve())

    def acquire(self, wait: float | None = None) -> "StoreLock":
        """Take the lock, waiting up to ``wait`` seconds; StoreError if the store stays taken."""
        self._check_this_process()
        fd = self._open()
        if fd is None:
            return self  # a folder nobody can write to: no writer can be at work in it
        wait = _wait_seconds(self.mode) if wait is None else wait
        operation = fcntl.LOCK_EX if self.mode == "exclusive" else fcntl.LOCK_SH
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(fd, operation | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    os.close(fd)
                    raise StoreError(f"cannot lock store {self.folder}: {exc.strerror}") from None
            if time.monotonic() >= deadline:
                reason = _describe(self.folder, self.path, self.mode)
                os.close(fd)
                raise StoreError(f"{reason}; {self._advice()}")
            if not told and wait >= 1:
                _log.warning("%s; waiting up to %g s", _describe(self.folder, self.path, self.mode), wait)
                told = True
            time.sleep(_POLL)
        self._fd = fd
        with _held_guard:
            _held.setdefault(self._key, []).append(self.mode)
        if self.mode == "exclusive":
            self._record()
        return self

    def _advice(self) -> str:
        if self.mode == "shared":
            return "wait for it, or query through `kg serve`"
        return "wait for the readers to finish (or stop `kg serve`), then build again"

    def _check_this_process(self) -> None:
        with _held_guard:
            modes = _held.get(self._key, [])
        if "exclusive" in modes or (modes and self.mode == "exclusive"):
            held = "writing" if "exclusive" in modes else "reading"
            raise StoreError(f"store {self.folder} is already open for {held} in this process; "
                             "close it before opening it again")

    def _open(self) -> int | None:
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        except FileNotFoundError:
            if self.mode == "exclusive":
                raise StoreError(f"cannot open store {self.folder}: no such folder") from None
            return None
        except OSError:
            pass
        try:  # a store on a read-only disk, or another user's: flock works on a read-only file too
            return os.open(self.path, os.O_RDONLY | os.O_CLOEXEC)
        except OSError:
            return None

    def _record(self) -> None:
        """Leave the writer's pid in the file, for systems without /proc/locks."""
        record = json.dumps({"pid": os.getpid(), "command": _command(os.getpid())}).encode()
        try:
            os.ftruncate(self._fd, 0)
            os.pwrite(self._fd, record, 0)
        except OSError:
            pass  # a full disk must not stop the writer: the record is only a courtesy

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with _held_guard:
            modes = _held.get(self._key, [])
            if self.mode in modes:
                modes.remove(self.mode)
            if not modes:
                _held.pop(self._key, None)
        os.close(fd)  # closing the last descriptor drops the flock

    def __enter__(self) -> "StoreLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def lock_store(folder: str | Path, *, read_only: bool, wait: float | None = None) -> StoreLock:
    """Take the lock a reader (``read_only``) or writer of the store in ``folder`` needs."""
    return StoreLock(folder, "shared" if read_only else "exclusive").acquire(wait)


def served_endpoint(folder: str | Path) -> dict | None:
    """What ``kg serve`` wrote into ``folder`` if a live server owns this store, else None.

    The record (``DIR/serve.json``) holds ``url``, ``pid`` and ``update`` (whether the
    server takes SPARQL updates). A record left by a server that is gone is ignored.
    """
    path = Path(folder) / SERVE_FILE
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        pid = int(record["pid"])
        url = str(record["url"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass  # alive, another user's
    return {**record, "pid": pid, "url": url}
