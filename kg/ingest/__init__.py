"""Readers: files, folders and stdin in, :class:`Document` objects out.

:func:`iter_documents` walks the inputs lazily (a folder of many files never sits in
memory at once) and yields, in order, documents, :class:`Skipped` notices for files that
are not news text, and :class:`~kg.errors.InputError` values for inputs that failed, so
the caller can report them and still build the rest of the batch. A reader that read only
part of an input (a JSON Lines file with bad lines) raises :class:`~kg.errors.PartialInput`:
its good documents are yielded, then one error per bad record. A plain text file bigger
than :data:`STREAM_BYTES` is read a piece at a time and split as it is read, so its size
is bounded by the disk, not by memory.
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
from .decode import _BOMS, _rank, _utf16_without_bom, decode, looks_binary
from .document import Document, document_id
from .listing import SECTION_CHARS, split_text, split_text_stream

__all__ = ["STDIN", "Document", "document_id", "Skipped", "iter_documents", "read_bytes", "READERS",
           "TEXT_SUFFIXES", "MAX_FILE_BYTES", "STREAM_BYTES"]

#: file suffix -> "module:function" taking (bytes, source) and returning documents
READERS: dict[str, str] = {
    ".html": "kg.ingest.html:read_html", ".htm": "kg.ingest.html:read_html", ".xhtml": "kg.ingest.html:read_html",
    ".rss": "kg.ingest.feeds:read_feed", ".atom": "kg.ingest.feeds:read_feed", ".xml": "kg.ingest.feeds:read_feed",
    ".jsonl": "kg.ingest.jsonl:read_jsonl", ".ndjson": "kg.ingest.jsonl:read_jsonl",
}
#: the source name of documents read from standard input
STDIN = "<stdin>"
#: suffixes read as plain text; files with other suffixes in a folder are skipped
TEXT_SUFFIXES = {".txt", ".text", ".news", ""}
#: larger files are refused rather than read into memory (plain text is streamed instead)
MAX_FILE_BYTES = int(os.environ.get("KG_MAX_FILE_BYTES", 200 * 1024 * 1024))
#: plain text files larger than this are read a section at a time, so memory stays bounded
STREAM_BYTES = int(os.environ.get("KG_STREAM_BYTES", 8 * 1024 * 1024))
_CHUNK = 1 << 18


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
    """The documents of a big plain text file, read a piece at a time (see :func:`split_text_stream`)."""
    source = str(path)
    count = 0
    problems: list[InputError] = []
    try:
        with open(path, "rb") as file:
            for document in split_text_stream(_text_lines(file, source, problems), source):
                if document.title.strip() or document.body.strip():
                    count += 1
                    yield document
    except PermissionError:
        raise InputError(source, "permission denied") from None
    except OSError as exc:
        raise InputError(source, exc.strerror or str(exc)) from None
    if problems:
        raise problems[0]
    if not count:
        raise InputError(source, "no article text found")


def _text_lines(file: BinaryIO, source: str, problems: list[InputError]) -> Iterator[str]:
    """Lines of a text file, decoded as they are read; a line longer than a section is cut.

    Undecodable bytes end the text: the lines before them are given, and ``problems``
    gets an InputError saying where the reading stopped.
    """
    chunk = file.read(_CHUNK)
    encoding = stream_encoding(chunk, source)
    decoder = codecs.getincrementaldecoder(encoding)()
    offset, buffer = 0, ""
    while True:
        final = not chunk
        try:
            buffer += decoder.decode(chunk, final)
        except UnicodeDecodeError as exc:
            start = max(exc.start, 0)
            problems.append(InputError(source, f"bad {encoding} text at byte {offset + start}; "
                                               "the text after it was not read"))
            decoder.reset()
            buffer += decoder.decode(chunk[:start], True) if start <= len(chunk) else ""
            chunk, final = b"", True
        offset += len(chunk)
        hold = "\r" if not final and buffer.endswith("\r") else ""  # maybe the first half of "\r\n"
        if hold:
            buffer = buffer[:-1]
        if "\r" in buffer:
            buffer = buffer.replace("\r\n", "\n").replace("\r", "\n")
        lines = buffer.split("\n")
        buffer = "" if final else lines.pop()
        for line in lines:
            yield from _cut(line)
        while len(buffer) > SECTION_CHARS:  # one enormous line: hand it on in pieces
            piece, buffer = _cut_once(buffer)
            yield piece
        buffer += hold
        if final:
            return
        chunk = file.read(_CHUNK)


def _cut_once(line: str) -> tuple[str, str]:
    at = line.rfind(" ", SECTION_CHARS // 2, SECTION_CHARS) + 1 or SECTION_CHARS
    return line[:at], line[at:]


def _cut(line: str) -> Iterator[str]:
    while len(line) > SECTION_CHARS:
        piece, line = _cut_once(line)
        yield piece
    yield line


def stream_encoding(head: bytes, source: str) -> str:
    """The encoding of a text read in pieces, judged (as :func:`decode` does) from its first piece."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    if looks_binary(head):
        raise InputError(source, "binary data, not text")
    even = head[:8192 - 8192 % 2] if len(head) >= 8192 else head[: len(head) - len(head) % 2]
    if b"\x00" in even and _utf16_without_bom(even) is not None:  # NUL bytes sit on odd bytes in UTF-16-LE
        return "utf-16-le" if even[1::2].count(0) > even[0::2].count(0) else "utf-16-be"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, False)
        return "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    from charset_normalizer import from_bytes

    matches = list(from_bytes(head))
    if not matches:
        raise InputError(source, f"not valid UTF-8 (byte {utf8_error.start}) and no other encoding fits")
    return min(matches, key=lambda m: (round(m.chaos, 3), -round(m.coherence, 3), _rank(m.encoding))).encoding


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
            yield from _documents_or_errors(lambda: read_bytes(sys.stdin.buffer.read(), STDIN))
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
