"""A headless Chromium process and a DevTools-protocol session on one of its tabs.

Raw CDP over one websocket (the `websockets` package comes with uvicorn[standard]):
no browser download, no node driver. Commands for the tab carry its `sessionId`
(flat mode), so one connection serves the browser and the page.
"""

import base64
import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from websockets.sync.client import ClientConnection, connect

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-port=0",
]


class BrowserError(RuntimeError):
    """Chromium did not start, or a DevTools command failed."""


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Tab:
    """One page target, driven by DevTools commands."""

    def __init__(self, socket: ClientConnection, session_id: str) -> None:
        self._socket = socket
        self._session_id = session_id
        self._next_id = 0
        # Events that arrived while waiting for command answers, in order.
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, timeout: float = 30, **params: Any) -> dict[str, Any]:
        """Run `method` and return its result; protocol errors raise BrowserError."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        self._socket.send(json.dumps(message | {"sessionId": self._session_id}))
        while True:
            answer = self._receive(timeout, waiting_for=method)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise BrowserError(f"{method}: {answer['error']}")
                return answer["result"]
            self.events.append(answer)

    def wait_for(self, event: str, timeout: float = 30) -> dict[str, Any]:
        """The next `event` of this tab (an earlier one already received counts)."""
        for index, seen in enumerate(self.events):
            if seen.get("method") == event:
                return self.events.pop(index)["params"]
        while True:
            message = self._receive(timeout, waiting_for=event)
            if message.get("method") == event and message.get("sessionId") == self._session_id:
                return message["params"]
            self.events.append(message)

    def evaluate_in_frame(self, frame_id: str, expression: str) -> Any:
        """Evaluate `expression` in an isolated world of `frame_id` (its DOM, not its scripts)."""
        world = self.send("Page.createIsolatedWorld", frameId=frame_id, worldName="test")
        result = self.send(
            "Runtime.evaluate",
            expression=expression,
            contextId=world["executionContextId"],
            returnByValue=True,
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"evaluation failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path: Path) -> Path:
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def _receive(self, timeout: float, *, waiting_for: str) -> dict[str, Any]:
        try:
            return json.loads(self._socket.recv(timeout=timeout))
        except TimeoutError:
            raise BrowserError(f"no answer to {waiting_for} within {timeout} s") from None


def _devtools_url(profile: Path, process: subprocess.Popen, seconds: float = 30) -> str:
    """The browser's websocket URL, which Chromium writes to DevToolsActivePort when ready."""
    port_file = profile / "DevToolsActivePort"
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BrowserError(f"chromium exited with {process.returncode}")
        if port_file.exists():
            lines = port_file.read_text().split()
            if len(lines) == 2:
                return f"ws://127.0.0.1:{lines[0]}{lines[1]}"
        time.sleep(0.1)
    raise BrowserError(f"chromium wrote no {port_file.name} within {seconds} s")


@contextmanager
def headless_tab(profile: Path, *, width: int = 900, height: int = 700) -> Iterator[Tab]:
    """A fresh Chromium with an empty profile in `profile`, and one tab of the given size."""
    executable = chromium_path()
    if executable is None:
        raise BrowserError("chromium is not installed")
    log = (profile.parent / "chromium.log").open("wb")
    process = subprocess.Popen(
        [executable, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "LANG": "de_DE.UTF-8"},
    )
    try:
        with connect(_devtools_url(profile, process), max_size=None) as socket:
            socket.send(
                json.dumps(
                    {"id": 1, "method": "Target.createTarget", "params": {"url": "about:blank"}}
                )
            )
            target = _answer(socket, 1)["targetId"]
            socket.send(
                json.dumps(
                    {
                        "id": 2,
                        "method": "Target.attachToTarget",
                        "params": {"targetId": target, "flatten": True},
                    }
                )
            )
            tab = Tab(socket, _answer(socket, 2)["sessionId"])
            tab.send(
                "Emulation.setDeviceMetricsOverride",
                width=width,
                height=height,
                deviceScaleFactor=1,
                mobile=False,
            )
            yield tab
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _answer(socket: ClientConnection, message_id: int) -> dict[str, Any]:
    while True:
        message = json.loads(socket.recv(timeout=30))
        if message.get("id") == message_id:
            if "error" in message:
                raise BrowserError(str(message["error"]))
            return message["result"]
