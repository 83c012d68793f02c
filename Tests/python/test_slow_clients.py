"""Slow clients cannot hold the server: a live `papertrade serve` with as few file descriptors as the probe gave it
(128), and more slow connections than that, keeps answering /healthz from another address."""
import resource
import socket
import subprocess
import time

import requests

import live_server

SLOW = 140
LIMIT = 32


def slow_connection(port, source="127.0.0.2"):
    """A connection that sends its headers, announces a body of 100 bytes and sends none of it."""
    connection = socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(source, 0))
    connection.sendall(b"POST /api/webhook HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n")
    return connection


def closed(connection, within):
    """Whether the server closed the connection within `within` seconds."""
    connection.settimeout(within)
    try:
        return connection.recv(4096) == b""
    except socket.timeout:
        return False
    except ConnectionResetError:
        return True


def start_with_few_descriptors(data, arguments):
    port = live_server.free_port()
    process = subprocess.Popen([live_server.BINARY, "serve", "--port", str(port), "--data", data, *arguments],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (128, 128)))
    base = f"http://127.0.0.1:{port}"
    for _ in range(400):
        try:
            if requests.get(base + "/healthz", timeout=1).status_code == 200:
                return process, port, base
        except requests.ConnectionError:
            time.sleep(0.025)
    process.kill()
    raise AssertionError("server did not start")


def test_slow_connections_past_the_limit_leave_the_server_answering(tmp_path):
    process, port, base = start_with_few_descriptors(
        str(tmp_path), ["--max-connections-per-client", str(LIMIT), "--rate-limit-loopback", "--request-timeout", "3",
                     "--idle-timeout", "3"])
    connections = []
    try:
        for _ in range(SLOW):
            try:
                connections.append(slow_connection(port))
            except OSError:
                break
        assert len(connections) == SLOW, "every connection is accepted, then closed past the limit"
        started = time.monotonic()
        for _ in range(10):
            reply = requests.get(base + "/healthz", timeout=2)
            assert reply.status_code == 200
        assert time.monotonic() - started < 10
        refused = sum(closed(connection, 0.05) for connection in connections)
        assert refused >= SLOW - LIMIT, f"only {refused} of {SLOW} closed at once"
        # The ones held are closed at the request deadline: none outlives it by much.
        time.sleep(3.5)
        assert all(closed(connection, 1) for connection in connections)
        # A webhook from the held address works again once its connections are gone.
        fresh = socket.create_connection(("127.0.0.1", port), source_address=("127.0.0.2", 0))
        fresh.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        assert fresh.recv(4096).startswith(b"HTTP/1.1 200")
        fresh.close()
        deliveries = requests.get(base + "/api/deliveries?limit=1000").json()
        assert sum(d["outcome"] == "request_timeout" for d in deliveries) == LIMIT
    finally:
        for connection in connections:
            connection.close()
        process.terminate()
        assert process.wait(timeout=10) == 0
