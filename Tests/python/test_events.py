"""A page listening on /api/events hears what a webhook did on the same server, over real HTTP: the webhook skips the
event hub only while nobody listens."""
import tempfile
import threading
import time

import requests

import live_server


def listen(base, wanted, heard, listening):
    """Collects the first event whose data names `wanted`."""
    with requests.get(base + "/api/events", stream=True, timeout=15) as stream:
        listening.set()
        for line in stream.iter_lines(decode_unicode=True):
            if line.startswith("data:") and wanted in line:
                heard.append(line)
                return


def test_a_page_hears_the_orders_and_deliveries_of_webhooks_sent_after_it_listens():
    process, base = live_server.start(tempfile.mkdtemp(prefix="papertrade-events-"))
    try:
        # Nobody listens yet: the order is not announced to anyone, and nothing waits for it.
        first = requests.post(base + "/api/webhook", json={"symbol": "AAPL", "side": "buy", "qty": 1, "price": 1})
        assert first.status_code == 200, first.text
        heard = {"orders": [], "delivery": []}
        threads = []
        for kind in heard:
            listening = threading.Event()
            thread = threading.Thread(target=listen, args=(base, f'"{kind}"', heard[kind], listening), daemon=True)
            thread.start()
            assert listening.wait(10)
            threads.append(thread)
        time.sleep(0.5)
        order = requests.post(base + "/api/webhook", json={"symbol": "AAPL", "side": "buy", "qty": 1, "price": 1}).json()["order"]
        for thread in threads:
            thread.join(15)
        assert heard["orders"] and f'"order_ids":[{order["id"]}]' in heard["orders"][0].replace(" ", ""), heard
        assert heard["delivery"], heard
    finally:
        process.terminate()
        assert process.wait(timeout=10) == 0
