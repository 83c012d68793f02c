"""The web page in a real browser: headless Chromium (Debian's) driven by selenium against a live `papertrade serve`.

Screenshots land in $SCREENSHOT_DIR (default: a temporary directory) so a person can look at them.
"""
import json
import os
import tempfile

import pytest
import requests
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

import live_server

TOKEN = "hook-token"
PASSWORDS = {"root": "root-password", "ana": "ana-password"}
SCREENSHOTS = os.environ.get("SCREENSHOT_DIR") or tempfile.mkdtemp(prefix="papertrade-shots-")
os.makedirs(SCREENSHOTS, exist_ok=True)


@pytest.fixture(scope="module")
def server():
    data = tempfile.mkdtemp(prefix="papertrade-web-")
    for name, role in [("root", "admin"), ("ana", "viewer")]:
        added = live_server.run("user", "add", name, "--role", role, "--password-env", "PW", "--data", data, env={"PW": PASSWORDS[name]})
        assert added.returncode == 0, added.stderr
    added = live_server.run("account", "add", "策略A", "--cash", "50000", "--data", data)
    assert added.returncode == 0, added.stderr
    process, base = live_server.start(data, env={"WEBHOOK_TOKEN": TOKEN})
    yield base
    process.terminate()
    assert process.wait(timeout=10) == 0


def browser(language="en-US", width=1280, height=1000, phone=False, arguments=()):
    options = webdriver.ChromeOptions()
    if phone:
        # A window cannot be narrower than 500 pixels; a phone's screen is emulated instead.
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": width, "height": height, "pixelRatio": 2}})
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},{height}", f"--lang={language}",
                     *arguments]:
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    service = webdriver.ChromeService(executable_path="/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    driver.implicitly_wait(0)
    return driver


def wait_for(driver, condition, timeout=10):
    return WebDriverWait(driver, timeout).until(condition)


def sign_in(driver, base, name, password=None):
    driver.get(base + "/")
    wait_for(driver, EC.visibility_of_element_located((By.CSS_SELECTOR, "#login-form")))
    driver.find_element(By.NAME, "username").send_keys(name)
    driver.find_element(By.NAME, "password").send_keys(password or PASSWORDS[name])
    click(driver, driver.find_element(By.CSS_SELECTOR, "#login-form button"))
    wait_for(driver, EC.visibility_of_element_located((By.CSS_SELECTOR, "#accounts tbody tr[data-name]")))


def click(driver, element):
    """Clicks an element after scrolling it to the middle of the window, clear of the sticky header."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def select_account(driver, name):
    """Clicks an account's row; the table is redrawn on every event, so the click goes through the page itself."""
    wait_for(driver, EC.presence_of_element_located((By.CSS_SELECTOR, f"#accounts tr[data-name='{name}']")))
    driver.execute_script("document.querySelector(`#accounts tr[data-name='${arguments[0]}']`).click()", name)


def screenshot(driver, name):
    """Saves the whole page, not only the window, as SCREENSHOTS/name."""
    width = driver.execute_script("return window.innerWidth")
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(max(width, 500), height + 100)
    driver.execute_script("window.scrollTo(0, 0)")
    driver.save_screenshot(os.path.join(SCREENSHOTS, name))


def table_text(driver, selector):
    return driver.find_element(By.CSS_SELECTOR, selector).text


def test_an_admin_trades_by_hand_switches_the_current_account_and_sees_webhooks_arrive(server):
    driver = browser()
    try:
        sign_in(driver, server, "root")
        assert driver.find_element(By.ID, "trade").is_displayed()
        assert "root" in driver.find_element(By.ID, "who").text

        # A manual order: it shows in the orders table and the position, and the reply is readable.
        form = driver.find_element(By.ID, "order-form")
        Select(form.find_element(By.NAME, "account")).select_by_value("default")
        form.find_element(By.NAME, "symbol").send_keys("AAPL")
        form.find_element(By.NAME, "qty").send_keys("100")
        form.find_element(By.NAME, "price").send_keys("185.50")
        click(driver, form.find_element(By.ID, "place-order"))
        wait_for(driver, EC.text_to_be_present_in_element((By.ID, "order-result"), "185.59"))
        assert "18,577.56" in driver.find_element(By.ID, "order-result").text
        wait_for(driver, EC.text_to_be_present_in_element((By.CSS_SELECTOR, "#orders tbody"), "manual"))
        select_account(driver, "default")
        wait_for(driver, EC.text_to_be_present_in_element((By.CSS_SELECTOR, "#positions tbody"), "AAPL"))
        assert "185.7756" in table_text(driver, "#positions tbody")

        # A refused order says why, in words.
        form.find_element(By.NAME, "qty").clear()
        form.find_element(By.NAME, "qty").send_keys("100000")
        click(driver, form.find_element(By.ID, "place-order"))
        wait_for(driver, EC.text_to_be_present_in_element((By.ID, "order-result"), "Insufficient funds"))

        # Switch the current account; a webhook without `account` lands there and appears without a reload.
        Select(driver.find_element(By.ID, "current-account")).select_by_value("策略A")
        wait_for(driver, EC.text_to_be_present_in_element((By.ID, "order-result"), "策略A"))
        driver.execute_script("window.notReloaded = true")
        reply = requests.post(server + "/api/webhook", headers={"X-Webhook-Token": TOKEN},
                              json={"symbol": "MSFT", "side": "buy", "qty": 10, "price": 410})
        assert reply.status_code == 200, reply.text
        assert reply.json()["order"]["account"] == "策略A"
        wait_for(driver, EC.text_to_be_present_in_element((By.CSS_SELECTOR, "#orders tbody"), "MSFT"))
        assert driver.execute_script("return window.notReloaded") is True
        first_row = driver.find_element(By.CSS_SELECTOR, "#orders tbody tr").text
        assert "策略A" in first_row and "webhook" in first_row
        wait_for(driver, EC.text_to_be_present_in_element((By.CSS_SELECTOR, "#deliveries tbody"), "standard"))

        # The equity curve of the account that traded is a chart.
        select_account(driver, "default")
        wait_for(driver, EC.presence_of_element_located((By.CSS_SELECTOR, "#chart svg polyline")))

        # The dry-run box shows the adapter, the trace and the fill.
        payload = driver.find_element(By.ID, "dry-payload")
        payload.clear()
        payload.send_keys(json.dumps({"ticker": "NASDAQ:TSLA", "action": "buy", "contracts": 3, "price": 250}))
        click(driver, driver.find_element(By.CSS_SELECTOR, "#dry-form button"))
        wait_for(driver, EC.text_to_be_present_in_element((By.ID, "dry-result"), "tradingview"))
        assert "Would fill" in driver.find_element(By.ID, "dry-result").text
        screenshot(driver, "admin-desktop.png")

        # Account creation.
        account_form = driver.find_element(By.ID, "account-form")
        account_form.find_element(By.NAME, "name").send_keys("swing")
        click(driver, account_form.find_element(By.CSS_SELECTOR, "button"))
        wait_for(driver, EC.presence_of_element_located((By.CSS_SELECTOR, "#accounts tr[data-name='swing']")))
    finally:
        driver.quit()


def test_a_viewer_sees_everything_but_no_order_form(server):
    driver = browser(width=390, height=844, phone=True)
    try:
        sign_in(driver, server, "ana")
        assert not driver.find_element(By.ID, "trade").is_displayed()
        assert not driver.find_element(By.ID, "new-account").is_displayed()
        assert not driver.find_element(By.ID, "current-account").is_displayed()
        assert driver.find_element(By.ID, "current-name").text != ""
        wait_for(driver, EC.text_to_be_present_in_element((By.CSS_SELECTOR, "#orders tbody"), "AAPL"))
        # Phone width: nothing wider than the screen but the tables' own scrolling areas.
        assert driver.execute_script("return window.innerWidth") == 390
        assert driver.execute_script("return document.documentElement.scrollWidth") <= 390
        screenshot(driver, "viewer-phone.png")
        # The API refuses what the page hides.
        cookies = {c["name"]: c["value"] for c in driver.get_cookies()}
        refused = requests.post(server + "/api/orders", cookies=cookies, headers={"Origin": server},
                                json={"symbol": "AAPL", "side": "buy", "qty": 1, "price": 1})
        assert refused.status_code == 403
    finally:
        driver.quit()


def test_errors_are_readable_and_in_chinese_when_the_browser_asks(server):
    driver = browser(language="zh-CN")
    try:
        driver.get(server + "/")
        wait_for(driver, EC.visibility_of_element_located((By.CSS_SELECTOR, "#login-form")))
        assert driver.find_element(By.CSS_SELECTOR, "#login h2").text == "登录"
        driver.find_element(By.NAME, "username").send_keys("root")
        driver.find_element(By.NAME, "password").send_keys("not the password")
        click(driver, driver.find_element(By.CSS_SELECTOR, "#login-form button"))
        wait_for(driver, EC.text_to_be_present_in_element((By.ID, "login-error"), "用户名或密码错误"))
        driver.save_screenshot(os.path.join(SCREENSHOTS, "login-chinese.png"))
    finally:
        driver.quit()


def test_hidden_characters_in_a_payload_are_shown_and_reorder_nothing(server):
    """A payload holding a right-to-left override (in a field no adapter reads, so it is accepted) is shown with the
    character as its code point, isolated: the rest of its cell reads as sent."""
    reply = requests.post(server + "/api/webhook", headers={"X-Webhook-Token": TOKEN},
                          json={"symbol": "NVDA", "side": "buy", "qty": 1, "price": 100, "note": "\u202eevil"})
    assert reply.status_code == 200, reply.text
    refused = requests.post(server + "/api/webhook", headers={"X-Webhook-Token": TOKEN},
                            json={"symbol": "\u202eLPAA", "side": "buy", "qty": 1, "price": 100})
    assert refused.status_code == 400 and refused.json()["field"] == "symbol"
    driver = browser()
    try:
        sign_in(driver, server, "root")
        wait_for(driver, EC.text_to_be_present_in_element((By.CSS_SELECTOR, "#deliveries tbody"), "U+202E"))
        cell = driver.find_element(By.XPATH, "//td[contains(@class,'payload')][contains(., 'evil')]")
        assert '"note":"⟨U+202E⟩evil"}' in cell.text and "\u202e" not in cell.text
        assert cell.find_element(By.TAG_NAME, "bdi")
        refused_cell = driver.find_element(By.XPATH, "//td[contains(@class,'payload')][contains(., 'LPAA')]")
        assert '"symbol":"⟨U+202E⟩LPAA","side":"buy"' in refused_cell.text, "the rest of the cell reads as sent"
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", cell)
        driver.save_screenshot(os.path.join(SCREENSHOTS, "hidden-characters.png"))
    finally:
        driver.quit()


def test_a_page_on_a_rebound_dns_name_reads_nothing():
    """DNS rebinding, with a resolver rule standing in for the attacker's DNS: a page served from
    127.0.0.1.evil.example (which resolves to this machine) runs its script against a server without users. The
    server answers it 403; the same script on 127.0.0.1 reads the ledger."""
    data = tempfile.mkdtemp(prefix="papertrade-rebind-")
    process, base = live_server.start(data)
    port = base.rsplit(":", 1)[1]
    rules = "MAP 127.0.0.1.evil.example 127.0.0.1, MAP 127.evil.example 127.0.0.1"
    driver = browser(arguments=[f"--host-resolver-rules={rules}"])
    probe = """
        const [requests, done] = [arguments[0], arguments[arguments.length - 1]];
        const statuses = {};
        const body = '{"symbol":"AAPL","side":"buy","qty":1,"price":1}';
        Promise.all(requests.map(([path, method]) =>
          fetch(path, {method, body: method === "POST" ? body : undefined})
            .then(async (r) => { statuses[path] = [r.status, await r.text()]; })))
          .then(() => done(statuses), (e) => done(String(e)));
    """
    reads = [["/api/accounts", "GET"], ["/api/deliveries", "GET"], ["/api/me", "GET"], ["/api/dry-run", "POST"]]
    try:
        for host in ["127.0.0.1.evil.example", "127.evil.example"]:
            driver.get(f"http://{host}:{port}/")
            statuses = driver.execute_async_script(probe, reads + [["/api/events", "GET"]])
            for path, (status, text) in statuses.items():
                assert status == 403, f"{host}{path}: {status} {text}"
                assert "no_users" in text and f"Refused Host '{host}:{port}'" in text, text
        driver.save_screenshot(os.path.join(SCREENSHOTS, "rebound-host.png"))
        driver.get(f"{base}/")
        statuses = driver.execute_async_script(probe, reads)
        assert all(status == 200 for status, _ in statuses.values()), statuses
    finally:
        driver.quit()
        process.terminate()
        assert process.wait(timeout=10) == 0
