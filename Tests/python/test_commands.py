"""Commands that run beside a server leave its data alone: `account add` never prunes the delivery log, which the
server keeps for as long as its --delivery-retention-days says."""
import sqlite3
import time

import requests

import live_server


def test_account_add_keeps_deliveries_the_server_keeps_longer(tmp_path):
    data = str(tmp_path / "data")
    server, base = live_server.start(data, env={"WEBHOOK_TOKEN": ""}, arguments=("--delivery-retention-days", "90"))
    try:
        assert requests.post(base + "/api/webhook", data="not a signal").status_code == 400
    finally:
        server.terminate()
        server.wait()
    database = sqlite3.connect(f"{data}/papertrade.sqlite")
    with database:
        database.execute("UPDATE delivery SET time = ?", (time.time() - 60 * 86_400,))
    added = live_server.run("account", "add", "swing", "--cash", "100", "--data", data)
    assert added.returncode == 0, added.stderr
    assert database.execute("SELECT COUNT(*) FROM delivery").fetchone()[0] == 1, "a 60-day-old delivery the server keeps 90 days"
