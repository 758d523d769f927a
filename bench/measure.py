"""One measured round: verify the answer, then load the server with wrk."""

import json
from dataclasses import dataclass

import httpx

from bench.scenarios import Scenario
from bench.wrk import LoadResult, run_wrk


class WrongAnswer(RuntimeError):
    """The server under test answered a scenario wrongly: its figures would mean nothing."""


def answer_bytes(base_url: str, scenario: Scenario) -> bytes:
    """The verified response body of one request."""
    response = httpx.post(f"{base_url}/graphql", json=scenario.body(), timeout=30)
    body = response.json()
    problem = (
        f"HTTP {response.status_code}"
        if response.status_code != 200
        else json.dumps(body["errors"])[:300]
        if body.get("errors")
        else scenario.check(body["data"])
    )
    if problem:
        raise WrongAnswer(f"{scenario.name} at {base_url}: {problem}")
    return response.content


@dataclass(frozen=True)
class Measurement:
    scenario: str  # a scenario key, or what `label` said
    mode: str  # "limit", "cold" or "hot"; the corpus ("small", "large") for growth
    result: LoadResult


def measure(base_url: str, scenario: Scenario, mode: str, seconds: int, connections: int, label=""):
    """Verify the answer, then load the server with it; the figures under `label` or the key."""
    answer_bytes(base_url, scenario)
    result = run_wrk(
        f"{base_url}/graphql", scenario.body(), seconds=seconds, connections=connections
    )
    if result.errors:
        raise WrongAnswer(f"{scenario.name} ({mode}): {result.errors} failed requests under load")
    return Measurement(label or scenario.key, mode, result)
