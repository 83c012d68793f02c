"""The seed spec's Python example, run as a real client against a live `papertrade serve`."""
import tempfile

import pytest
import requests

import live_server

TOKEN = "your-secret-token"


@pytest.fixture(scope="module")
def server():
    data = tempfile.mkdtemp(prefix="papertrade-py-")
    add = live_server.run("account", "add", "策略B", "--cash", "100000", "--allow-short", "--data", data)
    assert add.returncode == 0, add.stderr
    process, base = live_server.start(data, env={"WEBHOOK_TOKEN": TOKEN})
    yield base
    process.terminate()
    assert process.wait(timeout=10) == 0


# The seed's example, verbatim but for the two settings.
WEBHOOK_URL = None
WEBHOOK_TOKEN = TOKEN


def send_signal(symbol, side, qty, price, account=None):
    data = {
        'symbol': symbol,
        'side': side,
        'qty': qty,
        'price': price
    }
    if account:
        data['account'] = account

    headers = {'Content-Type': 'application/json'}
    if WEBHOOK_TOKEN:
        headers['X-Webhook-Token'] = WEBHOOK_TOKEN

    resp = requests.post(WEBHOOK_URL, json=data, headers=headers)
    return resp.json()


@pytest.fixture(autouse=True)
def webhook_url(server):
    global WEBHOOK_URL
    WEBHOOK_URL = server + "/api/webhook"


def test_buy_aapl_fills_as_the_seed_shows():
    reply = send_signal('AAPL', 'buy', 100, 185.50)
    assert reply["status"] == "ok"
    order = reply["order"]
    assert (order["symbol"], order["side"], order["requested_qty"], order["filled_qty"]) == ("AAPL", "buy", 100, 100)
    assert (order["requested_price"], order["exec_price"], order["value"]) == (185.5, 185.59, 18559)
    assert (order["status"], order["source"]) == ("filled", "webhook")
    assert reply["simulation"] == {"slippage": 0.09, "commission": 18.56, "fill_rate": 1.0, "total_cost": 18577.56}


def test_sell_to_a_named_account():
    reply = send_signal('TSLA', 'sell', 50, 250, account='策略B')
    assert reply["status"] == "ok", reply
    assert reply["order"]["account"] == "策略B"
    assert reply["order"]["exec_price"] == 249.88


def test_insufficient_funds_in_chinese(server):
    resp = requests.post(server + "/api/webhook", json={"symbol": "AAPL", "side": "buy", "qty": 10000, "price": 185.5},
                         headers={"X-Webhook-Token": TOKEN, "Accept-Language": "zh"})
    assert resp.status_code == 422
    assert resp.json()["error"].startswith("资金不足: 需要 ")
    assert resp.json()["code"] == "insufficient_funds"


def test_token_in_body_and_missing_token(server):
    ok = requests.post(server + "/api/webhook", json={"symbol": "AAPL", "side": "sell", "qty": 100, "price": 190, "token": TOKEN})
    assert ok.status_code == 200, ok.text
    missing = requests.post(server + "/api/webhook", json={"symbol": "AAPL", "side": "buy", "qty": 1, "price": 185})
    assert missing.status_code == 401
    assert missing.json() == {"error": "Missing or wrong webhook token", "code": "unauthorized"}


def test_tradingview_alert_as_text_plain(server):
    body = '{\n  "ticker": "NASDAQ:AAPL",\n  "action": "buy",\n  "contracts": 3,\n  "price": 186.2\n}'
    resp = requests.post(server + "/api/webhook", data=body.encode(), headers={"Content-Type": "text/plain", "X-Webhook-Token": TOKEN})
    assert resp.status_code == 200, resp.text
    assert resp.json()["adapter"] == "tradingview"
    assert resp.json()["order"]["symbol"] == "AAPL"


def test_a_sentence_as_text_with_its_token_inside(server):
    resp = requests.post(server + "/api/webhook", data=f"BUY 2 MSFT @ 410.10 account=策略B token={TOKEN}".encode(),
                         headers={"Content-Type": "text/plain; charset=utf-8"})
    assert resp.status_code == 200, resp.text
    reply = resp.json()
    assert (reply["adapter"], reply["order"]["symbol"], reply["order"]["account"]) == ("text", "MSFT", "策略B")
    assert TOKEN not in resp.text


def test_a_malformed_sentence_names_the_problem(server):
    resp = requests.post(server + "/api/webhook", data=b"buy ten MSFT @ 410", headers={"X-Webhook-Token": TOKEN})
    assert resp.status_code == 400
    assert resp.json() == {"error": "Field 'qty' must be a decimal number, got \"ten\"", "code": "invalid_number", "field": "qty"}


def test_two_signals_of_one_model_run_are_two_orders(server):
    headers = {"X-Webhook-Token": TOKEN}
    for signal_id, direction in (("run-9/1", 1), ("run-9/2", -1)):
        body = {"model": "m", "run_id": "run-9", "signal": {"id": signal_id, "instrument": "ibm", "direction": direction, "size": 1,
                                                            "book": "策略B"}, "reference_price": 150}
        resp = requests.post(server + "/api/webhook", json=body, headers=headers)
        assert resp.status_code == 200, resp.text
        assert "Idempotent-Replayed" not in resp.headers
