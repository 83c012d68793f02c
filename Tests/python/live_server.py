"""Starts `papertrade serve` on a free loopback port for the Python tests, and waits until it answers."""
import os
import socket
import subprocess
import time

import requests

BINARY = os.environ.get("PAPERTRADE_BIN", ".build/debug/papertrade")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(data, port=None, env=None, output=subprocess.DEVNULL, arguments=()):
    """The server process on `data` (None: the database in env's DATABASE_URL) and its base URL; fails the test when
    it does not answer /healthz."""
    port = port or free_port()
    ledger = ["--data", data] if data else []
    process = subprocess.Popen([BINARY, "serve", "--port", str(port), *ledger, *arguments],
                               env=dict(os.environ, **(env or {})), stdout=output, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(400):
        try:
            if requests.get(base + "/healthz", timeout=1).status_code == 200:
                return process, base
        except requests.ConnectionError:
            time.sleep(0.025)
    process.kill()
    raise AssertionError("server did not start")


def run(*arguments, env=None):
    """Runs a papertrade command and returns the completed process."""
    return subprocess.run([BINARY, *arguments], env=dict(os.environ, **(env or {})), capture_output=True, text=True)
