"""A small headless-Chromium driver for the explorer's tests and benchmark.

Speaks the DevTools protocol over ``--remote-debugging-pipe`` (JSON messages separated by
NUL bytes on file descriptors 3 and 4), so it needs no websocket package and no open port.
The network is cut at the process level (every host name resolves to nothing, every proxy
connection fails), and :class:`Page` records every request the page makes, so a test can
assert that a self-contained page asked for nothing at all.

>>> decode_png(_tiny_png()) == (1, 1, [(255, 0, 0)])
True
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import struct
import subprocess
import tempfile
import threading
import time
import zlib
from pathlib import Path

__all__ = ["chromium_path", "Browser", "Page", "BrowserError", "decode_png", "non_background_pixels"]

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
         "--disable-extensions", "--mute-audio", "--hide-scrollbars",
         # no network: names resolve to nothing and any proxied connection goes nowhere
         "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>"]


class BrowserError(RuntimeError):
    """Chromium failed, answered with an error, or did not answer in time."""


def chromium_path() -> str | None:
    """The Chromium binary: $CHROMIUM, else ``chromium`` or ``chromium-browser`` on PATH."""
    for candidate in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    return None


class Browser:
    """One headless Chromium process; open pages with :meth:`page`, stop with :meth:`close`."""

    def __init__(self, executable: str | None = None, *, timeout: float = 60.0):
        executable = executable or chromium_path()
        if not executable:
            raise BrowserError("chromium not found (install Debian's chromium, or set $CHROMIUM)")
        self.timeout = timeout
        self._profile = tempfile.mkdtemp(prefix="kg-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def child_fds() -> None:  # the protocol expects its pipes on fds 3 (in) and 4 (out)
            read_end, write_end = os.dup(to_browser_r), os.dup(from_browser_w)  # safe if they are 3 or 4
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={self._profile}", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            close_fds=False, preexec_fn=child_fds)  # Python's own fds are close-on-exec
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._next_id = 0
        self._lock = threading.Lock()
        self._cond = threading.Condition()
        self._answers: dict[int, dict] = {}
        self._events: list[dict] = []
        self._closed = False
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        try:
            self.send("Browser.getVersion")
        except BrowserError:
            self.close()  # no stray process or profile folder when the browser cannot start
            raise

    # -- protocol ------------------------------------------------------------------------------
    def _read(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = os.read(self._from_browser, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                break
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                message = json.loads(raw)
                with self._cond:
                    if "id" in message:
                        self._answers[message["id"]] = message
                    else:
                        self._events.append(message)
                    self._cond.notify_all()
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def send(self, method: str, params: dict | None = None, *, session: str | None = None,
             timeout: float | None = None) -> dict:
        with self._lock:
            self._next_id += 1
            ident = self._next_id
        message = {"id": ident, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        try:
            os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        except OSError as exc:
            raise BrowserError(f"chromium is not running ({exc.strerror})") from None
        deadline = time.monotonic() + (timeout or self.timeout)
        with self._cond:
            while ident not in self._answers:
                if self._closed:
                    raise BrowserError(f"chromium exited while answering {method}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise BrowserError(f"no answer to {method} in {timeout or self.timeout:g} s")
                self._cond.wait(left)
            answer = self._answers.pop(ident)
        if "error" in answer:
            raise BrowserError(f"{method}: {answer['error'].get('message')}")
        return answer.get("result", {})

    def events(self, session: str | None = None, method: str | None = None) -> list[dict]:
        with self._cond:
            return [e for e in self._events if (session is None or e.get("sessionId") == session)
                    and (method is None or e["method"] == method)]

    def wait_event(self, method: str, session: str | None = None, *, after: int = 0,
                   timeout: float | None = None) -> dict:
        deadline = time.monotonic() + (timeout or self.timeout)
        with self._cond:
            while True:
                found = [e for e in self._events[after:] if e["method"] == method
                         and (session is None or e.get("sessionId") == session)]
                if found:
                    return found[0]
                left = deadline - time.monotonic()
                if left <= 0 or self._closed:
                    raise BrowserError(f"no {method} event in {timeout or self.timeout:g} s")
                self._cond.wait(left)

    def event_count(self) -> int:
        with self._cond:
            return len(self._events)

    # -- pages -----------------------------------------------------------------------------------
    def page(self, width: int = 1200, height: int = 800) -> "Page":
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        return Page(self, target, session, width, height)

    def close(self) -> None:
        try:
            if self.process.poll() is None:
                try:
                    self.send("Browser.close", timeout=5)
                except BrowserError:
                    pass
                try:
                    self.process.wait(5)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait(5)
        finally:
            for fd in (self._to_browser, self._from_browser):
                try:
                    os.close(fd)
                except OSError:
                    pass
            shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Page:
    """One tab: load a file, evaluate JavaScript, move and click the mouse, take screenshots."""

    def __init__(self, browser: Browser, target: str, session: str, width: int, height: int):
        self.browser, self.target, self.session = browser, target, session
        self._first_event = browser.event_count()
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    def send(self, method: str, params: dict | None = None, **kw) -> dict:
        return self.browser.send(method, params, session=self.session, **kw)

    def open(self, path: str | Path) -> None:
        """Navigate to a local file and wait for its load event."""
        mark = self.browser.event_count()
        self.send("Page.navigate", {"url": Path(path).resolve().as_uri()})
        self.browser.wait_event("Page.loadEventFired", self.session, after=mark)

    def evaluate(self, expression: str, *, timeout: float | None = None):
        answer = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True}, timeout=timeout)
        if "exceptionDetails" in answer:
            details = answer["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise BrowserError(f"JavaScript error: {text}")
        return answer["result"].get("value")

    def wait_for(self, expression: str, *, timeout: float | None = None, interval: float = 0.05):
        """Poll ``expression`` until it is truthy; return its value."""
        deadline = time.monotonic() + (timeout or self.browser.timeout)
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise BrowserError(f"{expression} stayed false for {timeout or self.browser.timeout:g} s")
            time.sleep(interval)

    def mouse(self, kind: str, x: float, y: float, button: str = "none", clicks: int = 0) -> None:
        self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": button,
                                               "clickCount": clicks})

    def hover(self, x: float, y: float) -> None:
        self.mouse("mouseMoved", x - 3, y - 3)
        self.mouse("mouseMoved", x, y)

    def click(self, x: float, y: float) -> None:
        self.hover(x, y)
        self.mouse("mousePressed", x, y, "left", 1)
        self.mouse("mouseReleased", x, y, "left", 1)

    def type_text(self, text: str) -> None:
        self.send("Input.insertText", {"text": text})

    def press(self, key: str) -> None:
        codes = {"Enter": 13, "Escape": 27}
        for kind in ("keyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", {"type": kind, "key": key, "code": key,
                                                 "windowsVirtualKeyCode": codes.get(key, 0)})

    def screenshot(self, clip: dict | None = None) -> bytes:
        """A PNG of the viewport, or of ``clip`` ({x, y, width, height, scale}) in CSS pixels."""
        params: dict = {"format": "png"}
        if clip:
            params["clip"] = {"scale": 1, **clip}
        return base64.b64decode(self.send("Page.captureScreenshot", params)["data"])

    # -- what happened -----------------------------------------------------------------------------
    def _events(self, method: str) -> list[dict]:
        return [e for e in self.browser.events(self.session, method)]

    def requests(self) -> list[str]:
        """Every URL the page requested (the page itself included)."""
        return [e["params"]["request"]["url"] for e in self._events("Network.requestWillBeSent")]

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and error log entries."""
        out = [" ".join(str(a.get("value", a.get("description", ""))) for a in e["params"].get("args", []))
               for e in self._events("Runtime.consoleAPICalled") if e["params"]["type"] in ("error", "assert")]
        out += [e["params"]["exceptionDetails"].get("exception", {}).get("description")
                or e["params"]["exceptionDetails"].get("text", "") for e in self._events("Runtime.exceptionThrown")]
        out += [e["params"]["entry"]["text"] for e in self._events("Log.entryAdded")
                if e["params"]["entry"]["level"] == "error"]
        return out

    def dialogs(self) -> list[str]:
        return [e["params"]["message"] for e in self._events("Page.javascriptDialogOpening")]

    def close(self) -> None:
        self.browser.send("Target.closeTarget", {"targetId": self.target})


# -- PNG, enough to tell a drawn canvas from a blank one ------------------------------------------
def decode_png(data: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """(width, height, RGB pixels) of an 8-bit, non-interlaced RGB or RGBA PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})")
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    pixels: list[tuple[int, int, int]] = []
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            upper_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - upper_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upper_left)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else upper_left
                line[i] = (line[i] + pred) & 0xFF
        pixels.extend(tuple(line[i:i + 3]) for i in range(0, stride, channels))
        previous = line
    return width, height, pixels


def non_background_pixels(png: bytes, background: tuple[int, int, int] | None = None) -> int:
    """How many pixels differ from the background (the most common colour unless given)."""
    _, _, pixels = decode_png(png)
    if background is None:
        counts: dict[tuple[int, int, int], int] = {}
        for p in pixels:
            counts[p] = counts.get(p, 0) + 1
        background = max(counts, key=counts.get)
    return sum(1 for p in pixels if p != background)


def _tiny_png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))
