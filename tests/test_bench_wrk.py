"""The benchmark reads wrk's figures right (its report depends on it)."""

import pytest

from bench.wrk import _parse

WRK_OUTPUT = """Running 1s test @ http://127.0.0.1:8765/graphql
  1 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   577.26us  215.62us   4.35ms   94.91%
    Req/Sec     7.09k   710.03     8.91k    80.00%
  Latency Distribution
     50%  561.00us
     75%  587.00us
     90%  622.00us
     99%    1.46ms
  7050 requests in 1.00s, 12.48MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   7047.02
Transfer/sec:     12.47MB
"""


def test_parse_reads_rate_percentiles_and_errors():
    result = _parse(WRK_OUTPUT, load_cpu=0.25)
    assert result.requests_per_second == pytest.approx(7047.02)
    assert result.p50_ms == pytest.approx(0.561)
    assert result.p99_ms == pytest.approx(1.46)
    assert result.errors == 2 + 1 + 4
    assert result.load_cpu == 0.25
