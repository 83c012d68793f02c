"""`.env` as python-dotenv reads it: the answers in Tests/fixtures/dotenv-cases.json, which the Swift tests hold
papertrade's reader to, are python-dotenv's own; and a live `papertrade serve` takes its token from such a file."""
import json
import os
import subprocess
import tempfile
import time

import pytest
import requests
from dotenv import dotenv_values

import live_server

FIXTURE = json.load(open(os.path.join(os.path.dirname(__file__), "..", "fixtures", "dotenv-cases.json"), encoding="utf-8"))


@pytest.mark.parametrize("entry", FIXTURE["cases"], ids=[entry["case"] for entry in FIXTURE["cases"]])
def test_the_fixture_holds_python_dotenvs_answers(entry, monkeypatch, tmp_path):
    for name, value in FIXTURE["environment"].items():
        monkeypatch.setenv(name, value)
    path = tmp_path / ".env"
    path.write_bytes(entry["text"].encode("utf-8"))
    # A byte-order mark is dropped when python-dotenv is told the file has one.
    values = dotenv_values(path, encoding="utf-8-sig" if entry.get("bom") else "utf-8")
    assert {k: v for k, v in values.items() if v is not None} == entry["expected"]


def test_the_server_reads_its_token_before_the_comment():
    directory = tempfile.mkdtemp(prefix="papertrade-dotenv-")
    with open(os.path.join(directory, ".env"), "wb") as f:
        f.write("\ufeffexport WEBHOOK_TOKEN=abc-long-enough-token # prod token\r\n".encode("utf-8"))
    port = live_server.free_port()
    binary = os.path.abspath(live_server.BINARY)
    env = {k: v for k, v in os.environ.items() if k != "WEBHOOK_TOKEN"}
    process = subprocess.Popen([binary, "serve", "--port", str(port), "--data", "data"], cwd=directory, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(400):
            try:
                requests.get(base + "/healthz", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.025)
        order = {"symbol": "AAPL", "side": "buy", "qty": 1, "price": 185.5}
        assert requests.post(base + "/api/webhook", json=order).status_code == 401
        assert requests.post(base + "/api/webhook", json=order, headers={"X-Webhook-Token": "abc-long-enough-token"}).status_code == 200
    finally:
        process.terminate()
        assert process.wait(timeout=10) == 0
