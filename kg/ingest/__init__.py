"""Readers: files, folders and stdin in, :class:`Document` objects out.

:func:`iter_documents` walks the inputs lazily (a folder of many files never sits in
memory at once) and yields, in order, documents, :class:`Skipped` notices for files that
are not news text, and :class:`~kg.errors.InputError` values for inputs that failed, so
the caller can report them and still build the rest of the batch. A reader that read only
part of an input (a JSON Lines file with bad lines) raises :class:`~kg.errors.PartialInput`:
its good documents are yielded, then one error per bad record.
"""
from __future__ import annotations

import codecs
import importlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from ..errors import InputError, PartialInput
from .decode import _BOMS, decode, looks_binary
from .document import Document, document_id
from .listing import SECTION_CHARS, split_text, split_text_stream

__all__ = ["Document", "document_id", "Skipped", "iter_documents", "read_bytes", "READERS",
           "TEXT_SUFFIXES", "MAX_FILE_BYTES", "STREAM_BYTES"]

#: file suffix -> "module:function" taking (bytes, source) and returning documents
READERS: dict[str, str] = {
    ".html": "kg.ingest.html:read_html", ".htm": "kg.ingest.html:read_html", ".xhtml": "kg.ingest.html:read_html",
    ".rss": "kg.ingest.feeds:read_feed", ".atom": "kg.ingest.feeds:read_feed", ".xml": "kg.ingest.feeds:read_feed",
    ".jsonl": "kg.ingest.jsonl:read_jsonl", ".ndjson": "kg.ingest.jsonl:read_jsonl",
}
#: suffixes read as plain text; files with other suffixes in a folder are skipped
TEXT_SUFFIXES = {".txt", ".text", ".news", ""}
#: larger files are refused rather than read into memory (plain text is streamed instead)
MAX_FILE_BYTES = int(os.environ.get("KG_MAX_FILE_BYTES", 200 * 1024 * 1024))
#: plain text files larger than this are read a section at a time, so memory stays bounded
STREAM_BYTES = int(os.environ.get("KG_STREAM_BYTES", 8 * 1024 * 1024))
_CHUNK = 1 << 20


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


def _read_file(path: Path) -> Iterable[Document]:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > STREAM_BYTES and path.suffix.lower() not in READERS:
            with open(path, "rb") as file:
                head = file.read(8192)
            if _reader(path.suffix.lower(), head) is read_text:
                return _stream_text(path)
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


def _stream_text(path: Path) -> Iterator[Document]:
    """The documents of a big plain text file, read a megabyte at a time."""
    source = str(path)
    count = 0
    try:
        with open(path, "rb") as file:
            for document in split_text_stream(_text_lines(file, source), source):
                if document.title.strip() or document.body.strip():
                    count += 1
                    yield document
    except PermissionError:
        raise InputError(source, "permission denied") from None
    except OSError as exc:
        raise InputError(source, exc.strerror or str(exc)) from None
    if not count:
        raise InputError(source, "no article text found")


def _text_lines(file: BinaryIO, source: str) -> Iterator[str]:
    """Lines of a text file, decoded as they are read; a line longer than a section is cut."""
    head = file.read(_CHUNK)
    if not head.strip():
        raise InputError(source, "empty file")
    decoder = codecs.getincrementaldecoder(stream_encoding(head, source))()
    offset, pending, chunk = 0, "", head
    limit = SECTION_CHARS
    while True:
        final = not chunk
        try:
            text = pending + decoder.decode(chunk, final)
        except UnicodeDecodeError as exc:
            raise InputError(source, f"cannot decode byte {offset + max(exc.start, 0)} as {decoder_name(decoder)}; "
                             "the text after it was not read") from None
        offset += len(chunk)
        text = text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
        if not final and text.endswith("\r"):
            text, pending = text[:-1], "\r"
        lines = text.split("\n")
        pending = pending if not final and text.endswith("\r") else lines.pop() if not final else ""
        for line in lines:
            while len(line) > limit:  # one enormous line: cut at a space where there is one
                cut = line.rfind(" ", limit // 2, limit) + 1 or limit
                yield line[:cut]
                line = line[cut:]
            yield line
        while len(pending) > limit:
            cut = pending.rfind(" ", limit // 2, limit) + 1 or limit
            yield pending[:cut]
            pending = pending[cut:]
        if final:
            return
        chunk = file.read(_CHUNK)


def decoder_name(decoder: codecs.IncrementalDecoder) -> str:
    return getattr(decoder, "encoding", None) or type(decoder).__module__.rpartition(".")[2]


def stream_encoding(head: bytes, source: str) -> str:
    """The encoding of a text read in pieces, judged from its first megabyte."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    if looks_binary(head):
        raise InputError(source, "binary data, not text")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    text = decode(head[: len(head) - 4] or head, source)  # the same detection as for a small file
    for encoding in ("cp1252", "latin_1", "cp1251", "koi8_r", "cp1256", "cp1250", "iso8859_15", "cp1254", "cp1253"):
        try:
            if head[: len(head) - 4].decode(encoding) == text:
                return encoding
        except UnicodeDecodeError:
            continue
    raise InputError(source, "not valid UTF-8 and no other encoding fits")


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


def _documents_or_errors(read: Callable[[], Iterable[Document]]) -> Iterator[Document | InputError]:
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
