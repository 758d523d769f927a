"""Real `guide-api serve` processes for tests: start on a free port, wait, stop."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

GUIDE_API = Path(sys.executable).with_name("guide-api")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_healthy(base_url: str, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"server exited with {server.returncode}: {server.stdout.read()}")
        try:
            if httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    pytest.fail(f"server did not answer /healthz within {seconds} s")


def start_guide_api(
    database_url: str, cwd: Path, *args: str, log_level: str = "warning"
) -> tuple[subprocess.Popen, str]:
    """`guide-api serve` on a free port, healthy; returns the process and its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [str(GUIDE_API), "serve", "--port", str(port), *args],
        env={**os.environ, "DATABASE_URL": database_url, "GUIDE_LOG_LEVEL": log_level},
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base_url, process)
    except BaseException:
        process.kill()
        process.communicate()
        raise
    return process, base_url


def stop(process: subprocess.Popen, timeout: float = 30) -> str:
    """SIGTERM, wait, and return what the process printed; it must have shut down cleanly."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=timeout)
    # uvicorn shuts down gracefully, then re-raises the signal it caught.
    assert process.returncode in (0, -signal.SIGTERM), output
    return output or ""
