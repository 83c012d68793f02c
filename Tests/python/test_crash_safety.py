"""Orders under load against a live `papertrade serve`: nothing acknowledged is lost to a SIGKILL, nothing is doubled,
no cash goes negative, and `papertrade verify` replays every account's orders to its stored state."""
import concurrent.futures
import random
import signal
import tempfile
import threading
import time

import requests

import live_server

ACCOUNTS = ["default", "a", "b", "c"]


def start(data, port):
    return live_server.start(data, port, env={"WEBHOOK_TOKEN": ""})[0]


def add_account(data, name, cash):
    added = live_server.run("account", "add", name, "--cash", str(cash), "--data", data)
    assert added.returncode == 0, added.stderr


def verify(data):
    return live_server.run("verify", "--data", data)


def all_orders(base):
    orders = []
    for account in ACCOUNTS:
        orders += requests.get(f"{base}/api/orders", params={"account": account, "limit": 1000}).json()
    return orders


def test_a_sigkill_under_load_loses_no_acknowledged_order():
    data = tempfile.mkdtemp(prefix="papertrade-crash-")
    for name in ACCOUNTS[1:]:
        add_account(data, name, 1_000_000)
    port = live_server.free_port()
    base = f"http://127.0.0.1:{port}"
    server = start(data, port)
    acknowledged = []
    lock = threading.Lock()
    stop = threading.Event()

    def client(seed):
        rng = random.Random(seed)
        session = requests.Session()
        while not stop.is_set():
            account = rng.choice(ACCOUNTS)
            body = {"symbol": rng.choice(["AAPL", "MSFT"]), "side": "buy", "qty": rng.randint(1, 5), "price": 100, "account": account}
            try:
                reply = session.post(f"{base}/api/webhook", json=body, timeout=5)
            except requests.RequestException:
                return
            if reply.status_code == 200:
                with lock:
                    acknowledged.append(reply.json()["order"])

    threads = [threading.Thread(target=client, args=(seed,)) for seed in range(12)]
    for thread in threads:
        thread.start()
    time.sleep(1.5)
    server.send_signal(signal.SIGKILL)
    server.wait()
    stop.set()
    for thread in threads:
        thread.join()
    assert len(acknowledged) > 50, "the load never got going"

    server = start(data, port)
    try:
        stored = {order["id"]: order for order in all_orders(base)}
        lost = [order["id"] for order in acknowledged if order["id"] not in stored]
        assert not lost, f"acknowledged and lost: {lost[:10]}"
        for order in acknowledged:
            kept = stored[order["id"]]
            assert (kept["account"], kept["symbol"], kept["filled_qty"], kept["value"]) == \
                (order["account"], order["symbol"], order["filled_qty"], order["value"])
        assert len(stored) == len(set(stored)), "an order id was used twice"
        accounts = requests.get(f"{base}/api/accounts").json()
        assert all(account["cash"] >= 0 for account in accounts)
    finally:
        server.terminate()
        server.wait(timeout=10)
    verified = verify(data)
    assert verified.returncode == 0, verified.stderr
    assert "cash and positions match" in verified.stdout


def test_concurrent_buys_never_overdraw_and_none_is_doubled():
    data = tempfile.mkdtemp(prefix="papertrade-race-")
    # A buy of 1 at 10 fills at 10.01 (5 bps, to the tick) with 0.02 commission: 10.03. Cash for exactly 100 of them.
    add_account(data, "tight", "1003")
    port = live_server.free_port()
    base = f"http://127.0.0.1:{port}"
    server = start(data, port)
    try:
        body = {"symbol": "AAPL", "side": "buy", "qty": 1, "price": 10, "account": "tight"}
        with concurrent.futures.ThreadPoolExecutor(max_workers=32) as pool:
            replies = list(pool.map(lambda _: requests.post(f"{base}/api/webhook", json=body, timeout=30), range(200)))
        statuses = [reply.status_code for reply in replies]
        assert statuses.count(200) == 100 and statuses.count(422) == 100, statuses
        account = requests.get(f"{base}/api/accounts/tight").json()
        assert account["cash"] == 0
        assert account["positions"][0]["qty"] == 100
        ids = [reply.json()["order"]["id"] for reply in replies]
        assert len(set(ids)) == 200, "every request has its own order, filled or rejected"
        # Many accounts at once: each account's orders replay to its state.
        for name in ACCOUNTS[1:]:
            add_account(data, name, 100_000)
        bodies = [{"symbol": "MSFT", "side": side, "qty": 1, "price": 400, "account": name}
                  for name in ACCOUNTS[1:] for side in ["buy", "buy", "sell"] * 20]
        with concurrent.futures.ThreadPoolExecutor(max_workers=32) as pool:
            statuses = list(pool.map(lambda b: requests.post(f"{base}/api/webhook", json=b, timeout=30).status_code, bodies))
        assert set(statuses) <= {200, 422}
    finally:
        server.terminate()
        server.wait(timeout=10)
    verified = verify(data)
    assert verified.returncode == 0, verified.stderr
