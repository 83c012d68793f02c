"""The benchmark script works: a smoke run (one second a row, on the test build) measures every row, and afterwards
each database holds exactly one order per durable 200 reply its servers sent; the soak reads RSS as orders accumulate,
and the micro-benchmarks run. The numbers themselves are not checked."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import live_server

ROOT = Path(__file__).resolve().parents[2]
SQLITE_ROWS = [
    "trivial route (GET /healthz)",
    "standard payload, durable",
    "standard payload with Idempotency-Key",
    "TradingView payload, durable",
    "nested quant-model payload, durable",
    "text payload, durable",
    "dry run (standard payload)",
    "Python bot (Flask + SQLite)",
]
POSTGRES_ROWS = ["PostgreSQL, one server", "PostgreSQL, two servers, one account", "PostgreSQL, two servers, an account each"]


def test_a_smoke_run_measures_every_row_and_stores_one_order_per_reply(tmp_path):
    if shutil.which("wrk") is None:
        pytest.skip("wrk is not installed (apt-get install wrk)")
    pytest.importorskip("flask")
    environment = dict(os.environ)
    if os.environ.get("PAPERTRADE_TEST_DATABASE_URL"):
        environment["PAPERTRADE_BENCH_DATABASE_URL"] = os.environ["PAPERTRADE_TEST_DATABASE_URL"]
    output = tmp_path / "bench.json"
    run = subprocess.run(
        [sys.executable, ROOT / "bench" / "run", "--smoke", "--no-install", "--binary", live_server.BINARY, "--json", output],
        capture_output=True, text=True, env=environment, timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    result = json.loads(output.read_text())
    # Recorded relative to the checkout: a committed result names no one's machine.
    assert not Path(result["binary"]).is_absolute() and (ROOT / result["binary"]).resolve() == Path(live_server.BINARY).resolve()
    names = [row["name"] for row in result["rows"]]
    postgres_expected = os.environ.get("PAPERTRADE_REQUIRE_POSTGRES") == "1"
    assert names == SQLITE_ROWS + (POSTGRES_ROWS if postgres_expected else names[len(SQLITE_ROWS):])
    for row in result["rows"]:
        assert row["requests"] > 0 and row["replies_2xx"] == row["requests"], row
        assert 0 < row["p50_ms"] <= row["p99_ms"] <= row["max_ms"], row
        assert row["disk_max_ms"] > 0, row
    assert result["rows"][0]["ratio_to_trivial"] == 1
    durable = {row["name"]: row["replies_2xx"] for row in result["rows"] if "durable" in row["name"] or "Key" in row["name"]}
    checks = {check["database"]: check for check in result["checks"]}
    assert checks["SQLite"]["orders"] == checks["SQLite"]["replies_200"] >= sum(durable.values())
    if postgres_expected:
        postgres = sum(row["replies_2xx"] for row in result["rows"] if row["name"].startswith("PostgreSQL"))
        assert checks["PostgreSQL"]["orders"] == checks["PostgreSQL"]["replies_200"] >= postgres
    assert result["peak_rss_mb"] > 10
    soak = result["soak"]
    counts = [orders for orders, _ in soak["samples"]]
    # One reading once seeded, before the soak's orders, then one a stretch until 500 were accepted.
    assert len(counts) >= 2 and counts[0] < 500 <= counts[-1] <= soak["orders"] == soak["replies_200"], soak
    assert counts == sorted(counts) and all(rss > 10 for _, rss in soak["samples"]), soak
    assert "soak:" in run.stdout
    disk = result["disk_sync"]
    assert disk["syncs"] > 0 and 0 < disk["p50_ms"] <= disk["p99_ms"] <= disk["max_ms"], disk
    assert result["startup"]["orders"] >= 20_000 and 0 < result["startup"]["seconds_to_first_order"] < 30
    micro = {row["name"]: row for row in result["micro"]}
    for name in ["normalize parsed standard", "parse and normalize text", "engine: fill a buy and a sell", "decimal: format 5 values, plainText"]:
        assert micro[name]["ns_per_op"] > 0 and micro[name]["ops_per_s"] > 0, micro
    assert "orders stored" in run.stdout and "DIFFERENT" not in run.stdout
