"""Two `papertrade serve` replicas on one PostgreSQL database, over real HTTP: concurrent buys split across both never
overdraw, a key sent to both at once makes one order, a SIGKILL of one under load loses nothing it acknowledged, and a
replica waits for a database that is down, answers 503 while it is gone, and recovers by itself.

Needs PAPERTRADE_TEST_DATABASE_URL (CI sets it); skipped without it unless PAPERTRADE_REQUIRE_POSTGRES=1."""
import concurrent.futures
import os
import random
import signal
import socket
import subprocess
import threading
import time
import urllib.parse
import uuid

import pytest
import requests

import live_server

BASE_URL = os.environ.get("PAPERTRADE_TEST_DATABASE_URL")
if not BASE_URL and os.environ.get("PAPERTRADE_REQUIRE_POSTGRES") != "1":
    pytest.skip("PAPERTRADE_TEST_DATABASE_URL is not set", allow_module_level=True)

BUY = {"symbol": "AAPL", "side": "buy", "qty": 1, "price": 10}


def psql(url, statement):
    done = subprocess.run(["psql", url, "-qc", statement], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.fixture
def database():
    """The URL of a new, empty database, dropped after the test."""
    name = "papertrade_replicas_" + uuid.uuid4().hex[:8]
    psql(BASE_URL, f"CREATE DATABASE {name}")
    yield urllib.parse.urlunsplit(urllib.parse.urlsplit(BASE_URL)._replace(path="/" + name))
    psql(BASE_URL, f"DROP DATABASE {name} WITH (FORCE)")


def replica(url, *arguments):
    return live_server.start(None, env={"DATABASE_URL": url, "WEBHOOK_TOKEN": ""}, arguments=arguments)


def stop(*processes):
    for process in processes:
        process.kill()
        process.wait()


def test_concurrent_buys_across_both_fill_exactly_what_the_cash_pays(database):
    # One buy of 1 at 10 fills at 10.01 with commission 0.02: cash for exactly 100 of them.
    first, a = replica(database, "--default-cash", "1003")
    second, b = replica(database, "--default-cash", "1003")
    try:
        def buy(index):
            return requests.post((a if index % 2 else b) + "/api/webhook", json=BUY, timeout=30)

        with concurrent.futures.ThreadPoolExecutor(32) as pool:
            replies = list(pool.map(buy, range(200)))
        statuses = sorted(reply.status_code for reply in replies)
        assert statuses == [200] * 100 + [422] * 100
        assert all(reply.json()["code"] == "insufficient_funds" for reply in replies if reply.status_code == 422)
        ids = [reply.json()["order"]["id"] for reply in replies]
        assert len(set(ids)) == 200
        account = requests.get(a + "/api/accounts/default").json()
        assert account["cash"] == 0 and account["positions"][0]["qty"] == 100
        assert {order["id"] for order in requests.get(b + "/api/orders", params={"limit": 1000}).json()} == set(ids)
    finally:
        stop(first, second)


def test_a_key_sent_to_both_at_once_makes_one_order(database):
    first, a = replica(database)
    second, b = replica(database)
    try:
        for index in range(20):
            key = f"alert-{index}"
            barrier = threading.Barrier(2)

            def send(base):
                barrier.wait()
                return requests.post(base + "/api/webhook", json=BUY, headers={"Idempotency-Key": key}, timeout=30)

            with concurrent.futures.ThreadPoolExecutor(2) as pool:
                replies = list(pool.map(send, [a, b]))
            assert [reply.status_code for reply in replies] == [200, 200]
            assert replies[0].json()["order"]["id"] == replies[1].json()["order"]["id"]
            assert sorted(reply.headers.get("Idempotent-Replayed", "") for reply in replies) == ["", "true"]
        assert len(requests.get(a + "/api/orders", params={"limit": 1000}).json()) == 20
        conflict = requests.post(b + "/api/webhook", json=dict(BUY, qty=2), headers={"Idempotency-Key": "alert-0"})
        assert conflict.status_code == 409
    finally:
        stop(first, second)


def test_a_sigkill_of_one_under_load_loses_nothing_it_acknowledged(database):
    first, a = replica(database)
    second, b = replica(database)
    acknowledged, lock, done = [], threading.Lock(), threading.Event()

    def client(seed):
        rng, session = random.Random(seed), requests.Session()
        base = a if seed % 2 else b
        while not done.is_set():
            try:
                reply = session.post(base + "/api/webhook", json=dict(BUY, qty=rng.randint(1, 3)), timeout=10)
            except requests.RequestException:
                if base == a:
                    return
                continue
            if reply.status_code == 200:
                with lock:
                    acknowledged.append(reply.json()["order"]["id"])

    threads = [threading.Thread(target=client, args=(seed,)) for seed in range(12)]
    try:
        for thread in threads:
            thread.start()
        time.sleep(1.5)
        first.send_signal(signal.SIGKILL)
        first.wait()
        time.sleep(0.5)
        done.set()
        for thread in threads:
            thread.join()
        rows = subprocess.run(["psql", database, "-tAc", "SELECT id, filled_qty FROM orders"], capture_output=True, text=True).stdout.split()
        stored = {int(row.split("|")[0]): int(row.split("|")[1]) for row in rows}
        assert acknowledged and set(acknowledged) <= stored.keys()
        # Read back through the replica still running: it holds every order either replica committed.
        account = requests.get(b + "/api/accounts/default").json()
        assert account["positions"][0]["qty"] == sum(stored.values())
        verified = live_server.run("verify", env={"DATABASE_URL": database})
        assert verified.returncode == 0, verified.stderr
    finally:
        stop(first, second)


class Relay:
    """A TCP relay to the database that can be switched off and on, as a database that goes away and comes back."""

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.port = live_server.free_port()
        self.listener = None
        self.connections = []
        # Guards the listener and the connections: a connection accepted while the relay goes down is closed too.
        self.lock = threading.Lock()

    def up(self):
        with self.lock:
            self.listener = socket.create_server(("127.0.0.1", self.port))
            threading.Thread(target=self.accept, args=(self.listener,), daemon=True).start()

    def down(self):
        with self.lock:
            # A listener closed while accept() blocks on it stays open in the kernel: shut it down to wake accept().
            try:
                self.listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self.listener.close()
            self.listener = None
            for connection in self.connections:
                self.close(connection)
            self.connections = []

    def accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.target)
            except OSError:
                self.close(client)
                continue
            with self.lock:
                # Gone down (or down and up again) since this connection arrived: it must not outlive that.
                if listener is not self.listener:
                    self.close(client)
                    self.close(server)
                    return
                self.connections += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self.pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def close(connection):
        try:
            connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        connection.close()

    @staticmethod
    def pump(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for end in (source, sink):
            try:
                end.close()
            except OSError:
                pass


def test_a_replica_waits_for_the_database_answers_503_without_it_and_recovers(database):
    parts = urllib.parse.urlsplit(database)
    relay = Relay(parts.hostname, parts.port or 5432)
    through_relay = urllib.parse.urlunsplit(parts._replace(netloc=f"{parts.username}:{parts.password}@127.0.0.1:{relay.port}"))
    port = live_server.free_port()
    process = subprocess.Popen([live_server.BINARY, "serve", "--port", str(port)],
                               env=dict(os.environ, DATABASE_URL=through_relay, WEBHOOK_TOKEN=""),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        time.sleep(1.5)
        with pytest.raises(requests.ConnectionError):
            requests.get(base + "/healthz", timeout=1)
        relay.up()
        for _ in range(100):
            try:
                if requests.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except requests.ConnectionError:
                time.sleep(0.1)
        assert requests.post(base + "/api/webhook", json=BUY, timeout=10).status_code == 200
        relay.down()
        lost = requests.post(base + "/api/webhook", json=BUY, timeout=30)
        assert lost.status_code == 503 and lost.json()["code"] == "storage_unavailable"
        relay.up()
        assert requests.post(base + "/api/webhook", json=BUY, timeout=30).status_code == 200
        orders = requests.get(base + "/api/orders").json()
        assert len(orders) == 2
    finally:
        stop(process)
        relay.down()


def test_the_commands_work_on_the_shared_database_and_say_what_is_wrong(database):
    env = {"DATABASE_URL": database}
    added = live_server.run("account", "add", "策略A", "--cash", "500", env=env)
    assert added.returncode == 0, added.stderr
    assert "策略A\tcash 500" in live_server.run("account", "list", env=env).stdout
    assert live_server.run("user", "add", "ada", "--role", "admin", "--password-env", "PW", env=dict(env, PW="long enough")).returncode == 0
    token = live_server.run("account", "token", "策略A", env=env).stdout.strip()
    server, base = replica(database)
    try:
        reply = requests.post(base + "/api/webhook", json=BUY, headers={"X-Webhook-Token": token})
        assert reply.status_code == 200 and reply.json()["order"]["account"] == "策略A"
        assert requests.get(base + "/api/accounts").status_code == 401, "a user exists: reads need a sign-in"
    finally:
        stop(server)
    verified = live_server.run("verify", env=env)
    assert verified.returncode == 0 and "verified 2 accounts and 1 orders" in verified.stdout, verified.stdout + verified.stderr
    parts = urllib.parse.urlsplit(database)
    wrong = urllib.parse.urlunsplit(parts._replace(netloc=f"{parts.username}:wrong@{parts.hostname}:{parts.port or 5432}"))
    refused = live_server.run("account", "list", env={"DATABASE_URL": wrong})
    assert refused.returncode != 0 and "password authentication failed" in refused.stderr and ":wrong@" not in refused.stderr
    both = live_server.run("account", "list", "--data", "somewhere", "--database-url", database)
    assert both.returncode != 0 and "not both" in both.stderr
    # A dry run quotes the shared ledger's account, read-only.
    quoted = subprocess.run([live_server.BINARY, "dry-run", "--account", "策略A", "--json", "-"], input='{"symbol":"AAPL","side":"sell","qty":1,"price":11}',
                            env=dict(os.environ, **env), capture_output=True, text=True)
    assert quoted.returncode == 0, quoted.stdout + quoted.stderr
    assert '"filled_qty" : 1' in quoted.stdout.replace('": ', '" : ') and "insufficient" not in quoted.stdout, quoted.stdout


def test_a_page_on_one_server_hears_the_orders_the_other_executed(database):
    first, a = replica(database)
    second, b = replica(database)
    try:
        heard, listening = [], threading.Event()

        def listen():
            with requests.get(b + "/api/events", stream=True, timeout=15) as stream:
                listening.set()
                for line in stream.iter_lines(decode_unicode=True):
                    if line.startswith("data:") and '"orders"' in line:
                        heard.append(line)
                        return

        listener = threading.Thread(target=listen, daemon=True)
        listener.start()
        assert listening.wait(10)
        time.sleep(0.5)
        order = requests.post(a + "/api/webhook", json=BUY).json()["order"]
        listener.join(15)
        assert heard and str(order["id"]) in heard[0], heard
    finally:
        stop(first, second)


def test_dry_run_and_verify_change_nothing_in_the_database(database):
    for command in (["dry-run", "--account", "default", "-"], ["verify"]):
        done = subprocess.run([live_server.BINARY, *command, "--database-url", database], input='{"symbol":"AAPL","side":"buy","qty":1,"price":1}',
                              capture_output=True, text=True)
        assert done.returncode != 0 and "no papertrade ledger yet" in done.stdout + done.stderr, done.stdout + done.stderr
    tables = subprocess.run(["psql", database, "-tAc", "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"], capture_output=True, text=True)
    assert tables.stdout.strip() == "0"
