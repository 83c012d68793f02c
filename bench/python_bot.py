"""A typical Python webhook bot, the baseline the benchmark compares against.

Flask, JSON parsing, a balance check and one SQLite commit per order: what a trader would write
in an afternoon. Run: python3 bench/python_bot.py PORT DATABASE
"""
import json
import sqlite3
import sys
import threading
from decimal import Decimal

from flask import Flask, jsonify, request

app = Flask(__name__)
lock = threading.Lock()
database = sqlite3.connect(sys.argv[2], check_same_thread=False)
database.execute("PRAGMA journal_mode=WAL")
database.execute("CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY, symbol TEXT, side TEXT, qty TEXT, price TEXT)")
cash = Decimal("1000000000000")


@app.get("/healthz")
def health():
    return jsonify(status="ok")


@app.post("/api/webhook")
def webhook():
    global cash
    data = json.loads(request.get_data())
    symbol = data.get("symbol") or data.get("ticker")
    side = data.get("side") or data.get("action")
    qty = Decimal(str(data.get("qty", 100)))
    price = Decimal(str(data["price"]))
    exec_price = (price * Decimal("1.0005")).quantize(Decimal("0.01"))
    value = exec_price * qty
    commission = (value * Decimal("0.001")).quantize(Decimal("0.01"))
    with lock:
        if value + commission > cash:
            return jsonify(error="insufficient funds"), 422
        cash -= value + commission
        cursor = database.execute("INSERT INTO orders (symbol, side, qty, price) VALUES (?, ?, ?, ?)",
                                  (symbol, side, str(qty), str(exec_price)))
        database.commit()
    return jsonify(status="ok", order={"id": cursor.lastrowid, "exec_price": float(exec_price), "value": float(value)})


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]), threaded=True)
