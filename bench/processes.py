"""Starting the servers under test: each pinned to one core, stopped for sure."""

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx

SERVER_CORE = "0"
LOAD_CORE = "1"
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def pinned_server(command: list[str], env: dict[str, str], port: int, log: Path):
    """Run `command` on SERVER_CORE until the block ends; yields (base_url, pid)."""
    with log.open("w") as output:
        process = subprocess.Popen(
            ["taskset", "-c", SERVER_CORE, *command],
            env={**os.environ, **env},
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base_url, process, log)
        yield base_url, process.pid
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _wait_for(base_url: str, process: subprocess.Popen, log: Path, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}; see {log}")
        try:
            if httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError(f"server did not become healthy in {seconds} s; see {log}")


def uvicorn_command(app: str, port: int) -> list[str]:
    """The same uvicorn flags for the API and the limit app."""
    return [
        str(BIN / "uvicorn"),
        "--factory",
        app,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--loop",
        "uvloop",
        "--http",
        "httptools",
        "--log-level",
        "warning",
        "--no-access-log",
    ]


def start_api(servers: ExitStack, workdir: Path, database_url: str, cache: bool, label: str):
    """The API on `database_url`, response cache on (hot) or off (cold); (base_url, pid)."""
    port = free_port()
    env = {
        "DATABASE_URL": database_url,
        "GUIDE_RESPONSE_CACHE": "true" if cache else "false",
        "GUIDE_GRAPHQL_IDE": "false",
        "GUIDE_SEED_ON_START": "false",
    }
    command = uvicorn_command("api.app:create_app", port)
    return servers.enter_context(pinned_server(command, env, port, workdir / f"api-{label}.log"))


def start_limit(servers: ExitStack, workdir: Path, body: bytes, label: str) -> str:
    """The limit app answering `body` to every request; its base URL."""
    body_file = workdir / f"limit-{label}.json"
    body_file.write_bytes(body)
    port = free_port()
    command = uvicorn_command("bench.limit_app:create_app", port)
    env = {"GUIDE_BENCH_BODY": str(body_file)}
    return servers.enter_context(pinned_server(command, env, port, workdir / f"limit-{label}.log"))[
        0
    ]


def rss_megabytes(pid: int) -> float:
    """Resident memory of `pid`, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")
