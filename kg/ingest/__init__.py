"""Readers: files, folders and stdin in, :class:`Document` objects out.

:func:`iter_documents` walks the inputs lazily (a folder of many files never sits in
memory at once) and yields, in order, documents, :class:`Skipped` notices for files that
are not news text, and :class:`~kg.errors.InputError` values for inputs that failed, so
the caller can report them and still build the rest of the batch. A reader that read only
part of an input (a JSON Lines file with bad lines) raises :class:`~kg.errors.PartialInput`:
its good documents are yielded, then one error per bad record.
"""
from __future__ import annotations

import importlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errors import InputError, PartialInput
from .decode import decode
from .document import Document, document_id
from .listing import split_text

__all__ = ["Document", "document_id", "Skipped", "iter_documents", "read_bytes", "READERS",
           "TEXT_SUFFIXES", "MAX_FILE_BYTES"]

#: file suffix -> "module:function" taking (bytes, source) and returning documents
READERS: dict[str, str] = {
    ".html": "kg.ingest.html:read_html", ".htm": "kg.ingest.html:read_html", ".xhtml": "kg.ingest.html:read_html",
    ".rss": "kg.ingest.feeds:read_feed", ".atom": "kg.ingest.feeds:read_feed", ".xml": "kg.ingest.feeds:read_feed",
    ".jsonl": "kg.ingest.jsonl:read_jsonl", ".ndjson": "kg.ingest.jsonl:read_jsonl",
}
#: suffixes read as plain text; files with other suffixes in a folder are skipped
TEXT_SUFFIXES = {".txt", ".text", ".news", ""}
#: larger files are refused rather than read into memory
MAX_FILE_BYTES = int(os.environ.get("KG_MAX_FILE_BYTES", 200 * 1024 * 1024))


@dataclass
class Skipped:
    """A file in a folder that is not news text (an image, an archive, a hidden file)."""

    source: str
    reason: str


def read_text(data: bytes, source: str) -> list[Document]:
    return split_text(decode(data, source), source)


def _reader(suffix: str, data: bytes) -> Callable[[bytes, str], list[Document]]:
    target = READERS.get(suffix)
    if target is None:
        head = data[:512].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
        if head.startswith((b"<!doctype html", b"<html")):
            target = READERS[".html"]
        elif head.startswith((b"<rss", b"<feed")) or (
                head.startswith(b"<?xml") and (b"<rss" in data[:2048] or b"<feed" in data[:2048])):
            target = READERS[".rss"]
        elif head.startswith(b'{"'):
            target = READERS[".jsonl"]
        else:
            return read_text
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


def read_bytes(data: bytes, source: str, suffix: str = "") -> list[Document]:
    """Documents from the bytes of one input (the reader is chosen by suffix, then content)."""
    docs = _reader(suffix.lower(), data)(data, source)
    good = [d for d in docs if d.title.strip() or d.body.strip()]
    if not good:
        raise InputError(source, "no article text found")
    return good


def _read_file(path: Path) -> list[Document]:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(source, f"file too large ({size // 1048576} MB > {MAX_FILE_BYTES // 1048576} MB)")
        data = path.read_bytes()
    except PermissionError:
        raise InputError(source, "permission denied") from None
    except IsADirectoryError:
        raise InputError(source, "is a directory") from None
    except OSError as exc:
        raise InputError(source, exc.strerror or str(exc)) from None
    return read_bytes(data, source, path.suffix)


def _walk(folder: Path) -> Iterator[Path | Skipped]:
    seen: set[tuple[int, int]] = set()
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            st = current.stat()
        except OSError as exc:
            yield Skipped(str(current), exc.strerror or "cannot read")
            continue
        if (st.st_dev, st.st_ino) in seen:
            yield Skipped(str(current), "symlink loop")
            continue
        seen.add((st.st_dev, st.st_ino))
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as exc:
            yield Skipped(str(current), exc.strerror or "cannot list folder")
            continue
        subfolders = []
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                subfolders.append(path)
            elif path.suffix.lower() in TEXT_SUFFIXES or path.suffix.lower() in READERS:
                yield path
            else:
                yield Skipped(str(path), f"not a text-like file ({path.suffix})")
        stack.extend(reversed(subfolders))


def _documents_or_errors(read: Callable[[], list[Document]]) -> Iterator[Document | InputError]:
    try:
        yield from read()
    except PartialInput as partial:
        yield from partial.documents
        yield from partial.errors
    except InputError as exc:
        yield exc


def iter_documents(inputs: Iterable[str]) -> Iterator[Document | Skipped | InputError]:
    """Every document in ``inputs`` (files, folders, or ``-`` for stdin), in order."""
    for item in inputs:
        if item == "-":
            yield from _documents_or_errors(lambda: read_bytes(sys.stdin.buffer.read(), "<stdin>"))
            continue
        path = Path(item)
        if not path.exists():
            yield InputError(item, "no such file or folder")
            continue
        targets = _walk(path) if path.is_dir() else iter([path])
        for target in targets:
            if isinstance(target, Skipped):
                yield target
                continue
            yield from _documents_or_errors(lambda: _read_file(target))
