"""Bad input at a live server: random bytes, invalid UTF-8, huge numbers, deep nesting, 1 MB bodies and clients that
trickle bytes. The server keeps answering everyone else, never with a 5xx, and no balance changes."""
import os
import random
import socket
import tempfile
import threading
import time

import pytest
import requests

import live_server

TOKEN = "fuzz-token"


@pytest.fixture(scope="module")
def server():
    port = live_server.free_port()
    process, base = live_server.start(tempfile.mkdtemp(prefix="papertrade-fuzz-"), port, env={"WEBHOOK_TOKEN": TOKEN})
    yield base, port
    process.terminate()
    assert process.wait(timeout=10) == 0


def post(base, body, path="/api/webhook"):
    return requests.post(base + path, data=body, headers={"X-Webhook-Token": TOKEN, "Content-Type": "application/json"}, timeout=30)


def balances(base):
    return [(a["name"], a["cash"], len(a["positions"])) for a in requests.get(base + "/api/accounts").json()]


def test_random_and_malformed_bodies_are_refused_and_change_nothing(server):
    base, _ = server
    before = balances(base)
    seed = int(os.environ.get("FUZZ_SEED", random.randrange(1 << 30)))
    print(f"FUZZ_SEED={seed}")
    rng = random.Random(seed)
    bodies = [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400))) for _ in range(150)]
    bodies += [
        b"\xff\xfe\xfd", b'{"symbol":"\xc3\x28","side":"buy","qty":1,"price":1}', b"\xed\xa0\x80", b"\x00" * 100,
        b'{"symbol":"AAPL","side":"buy","qty":1e999,"price":10}',
        b'{"symbol":"AAPL","side":"buy","qty":' + b"9" * 400 + b',"price":10}',
        b'{"symbol":"AAPL","side":"buy","qty":1e-999,"price":10}',
        b'{"symbol":"AAPL","side":"buy","qty":-0,"price":10}',
        b'{"symbol":"AAPL","side":"buy","qty":1,"price":1e16}',
        b'{"symbol":"AAPL","side":"buy","qty":"NaN","price":10}',
        b'{"symbol":"AAPL","side":"buy","qty":Infinity,"price":10}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
        b'{"symbol":"AAPL","side":"buy","qty":1,"price":10',
        b'{"symbol":"AAPL","symbol":"MSFT","side":"sell","qty":1,"price":10}',
        "buy 1 AAPL @ ".encode() + b"9" * 5000,
        b"sell -5 AAPL @ 10",
    ]
    for body in bodies:
        reply = post(base, body)
        assert reply.status_code < 500, (body[:80], reply.status_code, reply.text)
        assert reply.status_code != 200 or reply.json().get("no_action"), (body[:80], reply.text)
        assert reply.json()["code"] if reply.status_code >= 400 else True
    huge = post(base, b'{"symbol":"AAPL","side":"buy","qty":1,"price":10,"pad":"' + b"x" * (1 << 20) + b'"}')
    assert huge.status_code == 413
    assert requests.get(base + "/healthz").status_code == 200
    assert balances(base) == before
    # A refused sell is recorded as a rejected order, but nothing here was a fill.
    assert all(order["status"] == "rejected" for order in requests.get(base + "/api/orders").json())


def test_clients_that_trickle_bytes_do_not_stop_anyone_else(server):
    base, port = server
    stop = threading.Event()

    def trickle(payload):
        with socket.create_connection(("127.0.0.1", port)) as sock:
            for byte in payload:
                if stop.is_set():
                    return
                try:
                    sock.sendall(bytes([byte]))
                except OSError:
                    return
                time.sleep(0.05)

    slow_body = b'{"symbol":"AAPL","side":"buy","qty":1,"price":10}'
    head = (f"POST /api/webhook HTTP/1.1\r\nHost: x\r\nX-Webhook-Token: {TOKEN}\r\nContent-Length: {len(slow_body) + 500}\r\n\r\n").encode()
    trickers = [threading.Thread(target=trickle, args=(head + slow_body,)) for _ in range(20)]
    trickers += [threading.Thread(target=trickle, args=(b"GET /api/accounts HTTP/1.1\r\nHo",)) for _ in range(20)]
    for thread in trickers:
        thread.start()
    try:
        time.sleep(0.5)
        started = time.monotonic()
        for _ in range(20):
            reply = post(base, b'{"symbol":"MSFT","side":"sell","qty":1,"price":400}')
            assert reply.status_code == 422
        assert time.monotonic() - started < 10, "the server slowed to a crawl"
    finally:
        stop.set()
        for thread in trickers:
            thread.join()
    assert requests.get(base + "/healthz").status_code == 200
