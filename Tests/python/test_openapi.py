"""docs/openapi.yaml describes the whole HTTP API: it is valid OpenAPI, and schemathesis, driving a live server with
requests made from it, finds no 5xx and no reply outside it. Once on an open loopback server (no users, no token),
once with an admin's API token and the webhook token."""
import os
import subprocess

import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

import live_server

SPEC = os.path.abspath("docs/openapi.yaml")
CONFIG = os.path.abspath("Tests/python/schemathesis.toml")


def test_the_document_is_valid_openapi():
    document, _ = read_from_filename(SPEC)
    validate(document)


def schemathesis(base, *headers):
    arguments = ["st", "--config-file", CONFIG, "run", SPEC, "--url", base, "--max-examples", "30", "--no-color"]
    for header in headers:
        arguments += ["-H", header]
    result = subprocess.run(arguments, capture_output=True, text=True, timeout=600)
    failures = result.stdout.find("FAILURES")
    assert result.returncode == 0, result.stdout[max(failures, 0):][:8000] + result.stderr[-2000:]


@pytest.fixture
def elsewhere(tmp_path, monkeypatch):
    """A working directory without adapters.yaml, instruments.yaml or .env: the server runs on its built-in rules."""
    monkeypatch.setenv("PAPERTRADE_BIN", os.path.abspath(live_server.BINARY))
    monkeypatch.setattr(live_server, "BINARY", os.path.abspath(live_server.BINARY))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_an_open_loopback_server_answers_inside_the_document(elsewhere):
    process, base = live_server.start(str(elsewhere / "data"), env={"WEBHOOK_TOKEN": ""})
    try:
        schemathesis(base)
    finally:
        process.kill()
        process.wait()


def test_a_server_with_users_answers_inside_the_document(elsewhere):
    data = str(elsewhere / "data")
    added = live_server.run("user", "add", "root", "--role", "admin", "--password-env", "PW", "--data", data,
                            env={"PW": "a long enough password"})
    assert added.returncode == 0, added.stderr
    token = live_server.run("user", "token", "root", "--data", data).stdout.strip()
    process, base = live_server.start(data, env={"WEBHOOK_TOKEN": "ci-webhook-token"})
    try:
        schemathesis(base, f"Authorization: Bearer {token}", "X-Webhook-Token: ci-webhook-token")
    finally:
        process.kill()
        process.wait()
