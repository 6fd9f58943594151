"""Bad files and bad disks: one clear line per failed input, the rest of the batch built,
the exit code saying that some inputs failed, and nothing the store held lost.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.store import open_store

from .conftest import GRAPH_SIZES, write_corpus

KG = [sys.executable, "-m", "kg"]
GOOD = ("Senate Approves Bill On Fines\n\nThe Senate of Nigeria approved a bill on Monday. Under Section 12 of "
        "the Criminal Code, the offence is punished by imprisonment for up to 5 years.\n")


def kg(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *map(str, args)], capture_output=True, text=True, timeout=300, **kwargs)


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("kg: error: ")]


def documents(store: Path) -> int:
    with open_store(str(store), read_only=True) as kgstore:
        return len(kgstore.documents())


def test_each_bad_file_gets_one_line_and_the_rest_is_built(tmp_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "good2.txt").write_text(GOOD.replace("Nigeria", "Ghana"), encoding="utf-8")
    bad = {
        "binary.txt": bytes(range(256)) * 40,
        "empty.txt": b"",
        "blank.txt": b" \n\t\n",
        "truncated.html": b"<!doctype html><html><body><p>The Senate of Nig",
        "wrong-extension.rss": GOOD.encode(),
        "undecodable.jsonl": b'{"title": "A", "text": "\xff\xfe\xfd broken"}\n',
        "feed.xml": b"<rss><channel><item><title>Unclosed",
        "bad-lines.jsonl": b'{"title": "Good Line Here", "text": "The Senate passed the bill."}\nnot json\n',
        "nul.txt": b"Headline\x00\x00\x00" * 5000,
    }
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(1000))
    (folder / "loop").symlink_to(folder, target_is_directory=True)  # a symlink loop
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "also-good.txt").write_text(GOOD.replace("Senate", "House"), encoding="utf-8")
    store = tmp_path / "store"
    done = kg("build", folder, "--store", store)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    errors = error_lines(done.stderr)
    failed = {name for name in list(bad) + ["dangling.txt"] if any(f"{folder / name}" in e for e in errors)}
    assert failed >= {"binary.txt", "empty.txt", "blank.txt", "feed.xml", "bad-lines.jsonl", "dangling.txt",
                      "nul.txt", "wrong-extension.rss"}, done.stderr
    assert all(len(line) < 400 for line in errors)
    assert "skipped" in done.stderr and "photo.jpg" in done.stderr and "symlink loop" in done.stderr
    assert "inputs failed" in done.stderr.splitlines()[-1]
    with open_store(str(store), read_only=True) as kgstore:
        sources = {info.source for info in kgstore.documents().values()}
    assert {str(folder / n) for n in ("good.txt", "good2.txt", "sub/also-good.txt", "bad-lines.jsonl")} <= sources
    # nothing is dropped silently: every input became documents or an error line
    assert all(str(folder / name) in sources or name in failed for name in bad)


def test_unreadable_file_and_folder_are_named(tmp_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    secret = folder / "secret.txt"
    secret.write_text(GOOD.replace("Nigeria", "Kenya"), encoding="utf-8")
    secret.chmod(0)
    closed = folder / "closed"
    closed.mkdir()
    (closed / "inner.txt").write_text(GOOD, encoding="utf-8")
    closed.chmod(0)
    store = tmp_path / "store"
    # root reads everything: without the capabilities that let it, permissions apply to it too
    prefix = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: permissions cannot be tested")
        prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    try:
        done = subprocess.run([*prefix, *KG, "build", str(folder), "--store", str(store)], capture_output=True,
                              text=True, timeout=300)
    finally:
        closed.chmod(0o755)
    assert done.returncode == 1, done.stderr
    assert f"{secret}: permission denied" in done.stderr
    assert f"{closed}" in done.stderr and "Permission denied" in done.stderr
    assert "1 documents built" in done.stderr


@pytest.mark.timeout(240)
def test_a_folder_of_ten_thousand_files(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(10_000):
        text = f"Note {i}\n\nshort." if i % 1000 else GOOD.replace("a bill", f"bill number {i}")
        (folder / f"n{i:05d}.txt").write_text(text, encoding="utf-8")
    (folder / "n05000.txt").write_bytes(b"\x00\x01\x02" * 100)
    store = tmp_path / "store"
    done = kg("build", folder, "--store", store)
    assert done.returncode == 1, done.stderr
    assert len(error_lines(done.stderr)) == 1 and "n05000.txt: binary data" in done.stderr
    assert "9999 documents built" in done.stderr
    assert documents(store) == 9999


def _mount_tmpfs(target: Path, size: str) -> None:
    target.mkdir()
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(target)], check=True,
                       capture_output=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"cannot mount a small file system here: {exc}")


@pytest.mark.timeout(240)
def test_a_full_disk_gives_a_clear_error_and_no_corruption(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 600)
    reference = tmp_path / "reference"
    assert kg("build", corpus, "--store", reference).returncode == 0
    with open_store(str(reference), read_only=True) as kgstore:
        expected = {str(g): int(n) for g, n in kgstore.query(GRAPH_SIZES).rows}

    disk = tmp_path / "disk"
    _mount_tmpfs(disk, "6m")
    try:
        store = disk / "store"
        done = kg("build", corpus, "--store", store)
        assert done.returncode == 1 and "Traceback" not in done.stderr and "internal error" not in done.stderr
        assert error_lines(done.stderr) == [error_lines(done.stderr)[0]]
        assert "No space left on device" in done.stderr and f"cannot write to store {store}" in done.stderr
        with open_store(str(store), read_only=True) as kgstore:  # opens, answers, holds whole documents only
            got = {str(g): int(n) for g, n in kgstore.query(GRAPH_SIZES).rows}
        assert all(expected[g] == n for g, n in got.items())
        assert len(got) < len(expected)
        # with room again, the next build completes the rest
        subprocess.run(["mount", "-o", "remount,size=512m", str(disk)], check=True)
        again = kg("build", corpus, "--store", store)
        assert again.returncode == 0, again.stderr
        with open_store(str(store), read_only=True) as kgstore:
            assert {str(g): int(n) for g, n in kgstore.query(GRAPH_SIZES).rows} == expected
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def test_a_read_only_store_folder_refuses_writes_and_still_answers(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    store = folder / "store"
    article = tmp_path / "a.txt"
    article.write_text(GOOD, encoding="utf-8")
    assert kg("build", article, "--store", store).returncode == 0
    try:
        subprocess.run(["mount", "--bind", str(folder), str(folder)], check=True, capture_output=True)
        subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        subprocess.run(["umount", str(folder)], capture_output=True)
        pytest.skip(f"cannot make a read-only mount here: {exc}")
    try:
        other = tmp_path / "b.txt"
        other.write_text(GOOD.replace("Nigeria", "Ghana"), encoding="utf-8")
        done = kg("build", other, "--store", store)
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert error_lines(done.stderr) == [f"kg: error: cannot open store {store}: " + done.stderr.split(
            f"cannot open store {store}: ", 1)[1].splitlines()[0]]
        assert "Read-only file system" in done.stderr
        answered = kg("query", "--store", store, "SELECT (COUNT(*) AS ?n) { ?d a lk:SourceDocument }",
                      "--format", "csv")
        assert answered.returncode == 0 and answered.stdout.split() == ["n", "1"], answered.stderr
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True)


def test_stdin_and_a_missing_input(tmp_path):
    store = tmp_path / "store"
    done = kg("build", "-", tmp_path / "missing.txt", "--store", store, input=GOOD)
    assert done.returncode == 1
    assert error_lines(done.stderr) == [f"kg: error: {tmp_path / 'missing.txt'}: no such file or folder"]
    assert documents(store) == 1
    done = kg("build", "-", "--store", store, input=bytes(range(256)).decode("latin-1") * 20)
    assert done.returncode == 1 and "<stdin>: binary data" in done.stderr
