"""Driving load with wrk on its own core, and reading its figures."""

import json
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench.processes import LOAD_CORE

_LUA = """wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = {body}
"""
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class LoadResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    load_cpu: float  # share of one core that wrk itself used: near 1.0 means wrk was the limit


def run_wrk(url: str, body: dict, *, seconds: int, connections: int) -> LoadResult:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_LUA.format(body=json.dumps(json.dumps(body))))
    try:
        command = [
            "taskset",
            "-c",
            LOAD_CORE,
            "wrk",
            "--latency",
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            # wrk's default of 2 s would count a slow scenario's queued requests
            # (16 connections on one core) as failures; they are slow, not wrong.
            f"--timeout={TIMEOUT_SECONDS}s",
            "-s",
            script.name,
            url,
        ]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        _, status, usage = os.wait4(process.pid, 0)
        output = process.stdout.read()
        process.stdout.close()
    finally:
        Path(script.name).unlink()
    if status != 0:
        raise RuntimeError(f"wrk failed: {output}")
    return _parse(output, (usage.ru_utime + usage.ru_stime) / seconds)


def _parse(output: str, load_cpu: float) -> LoadResult:
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors += int(non_2xx.group(1)) if non_2xx else 0
    return LoadResult(rate, _percentile(output, "50"), _percentile(output, "99"), errors, load_cpu)


def _percentile(output: str, which: str) -> float:
    value, unit = re.search(rf"^\s+{which}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
    return float(value) * _UNITS[unit]
