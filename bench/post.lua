-- wrk script: POST one small buy signal per request.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"symbol":"AAPL","side":"buy","qty":1,"price":185.50}'
