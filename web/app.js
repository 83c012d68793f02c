"use strict";
// papertrade's page: accounts, equity, positions, orders, deliveries, dry run and, for admins, manual orders.
// Plain JavaScript, no libraries; every number shown comes from the server as it was computed there.

const zh = (navigator.language || "").toLowerCase().startsWith("zh");
const TEXT = {
  current: ["Current account", "当前账户"], logout: ["Sign out", "退出"], signin: ["Sign in", "登录"],
  username: ["User name", "用户名"], password: ["Password", "密码"], accounts: ["Accounts", "账户"],
  account: ["Account", "账户"], cash: ["Cash", "现金"], equity: ["Equity", "权益"], realized: ["Realized P&L", "已实现盈亏"],
  unrealized: ["Unrealized P&L", "未实现盈亏"], "equity-curve": ["Equity", "权益曲线"], positions: ["Positions", "持仓"],
  symbol: ["Symbol", "代码"], qty: ["Qty", "数量"], "avg-cost": ["Avg cost", "平均成本"], last: ["Last", "最新价"],
  value: ["Value", "市值"], "manual-order": ["Manual order", "手动下单"], buy: ["Buy", "买入"], sell: ["Sell", "卖出"],
  price: ["Price", "价格"], place: ["Place order", "下单"], "new-account": ["New account", "新建账户"], name: ["Name", "名称"],
  "allow-short": ["Allow short selling", "允许卖空"], create: ["Create", "创建"], orders: ["Orders", "订单"],
  "all-accounts": ["All accounts", "全部账户"], time: ["Time (UTC)", "时间 (UTC)"], side: ["Side", "方向"],
  status: ["Status", "状态"], source: ["Source", "来源"], deliveries: ["Webhook deliveries", "Webhook 投递"],
  from: ["From", "来源地址"], adapter: ["Adapter", "适配器"], outcome: ["Outcome", "结果"], payload: ["Payload", "请求体"],
  "dry-run": ["Dry run", "试运行"], "any-adapter": ["First matching adapter", "第一个匹配的适配器"], try: ["Try it", "试运行"],
  adapters: ["Adapters", "适配器"], body: ["Body", "格式"], match: ["Match", "匹配"], description: ["Description", "说明"],
  "no-positions": ["No positions", "无持仓"], "no-orders": ["No orders yet", "暂无订单"], "no-deliveries": ["No deliveries yet", "暂无投递"],
  "no-history": ["No equity history yet", "暂无权益记录"], filled: ["filled", "已成交"], rejected: ["rejected", "已拒绝"],
  partially_filled: ["partially filled", "部分成交"], "order-placed": ["Order {id}: {side} {qty} {symbol} @ {price}, total {total}", "订单 {id}: {side} {qty} {symbol} @ {price}, 总额 {total}"],
  "account-created": ["Account {name} created", "账户 {name} 已创建"], "would-fill": ["Would fill", "将成交"],
  "setup": ["No users yet: anyone on this machine can read this page. Create an admin to sign in and trade by hand:", "尚无用户: 本机任何人都可查看此页。创建管理员后可登录并手动下单:"],
  "trace-field": ["Field", "字段"], "trace-from": ["From", "来源"], "trace-value": ["Value", "值"], "no-action": ["No action", "无需操作"],
  "switched": ["Webhooks without an account now trade {name}", "未指定账户的 Webhook 现在交易 {name}"],
};
const t = (key, values = {}) => (TEXT[key] ? TEXT[key][zh ? 1 : 0] : key).replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "");
const $ = (selector) => document.querySelector(selector);
const state = { user: null, accounts: [], selected: null, current: null, adapters: [] };

function translate() {
  document.documentElement.lang = zh ? "zh" : "en";
  for (const element of document.querySelectorAll("[data-t]")) element.textContent = t(element.dataset.t);
  for (const element of document.querySelectorAll("[data-t-placeholder]")) element.placeholder = t(element.dataset.tPlaceholder);
}

/** Calls the API; throws an Error carrying the server's message (in the browser's language) and code. */
async function api(path, { method = "GET", body, key } = {}) {
  const headers = body === undefined ? {} : { "Content-Type": "application/json" };
  if (key) headers["Idempotency-Key"] = key;
  const response = await fetch(path, {
    method, credentials: "same-origin", headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!response.ok && !(data && data.dry_run)) {
    const error = new Error((data && data.error) || `${response.status} ${response.statusText}`);
    error.code = data && data.code;
    error.status = response.status;
    throw error;
  }
  return data;
}

const number = new Intl.NumberFormat(zh ? "zh-CN" : "en-US", { maximumFractionDigits: 8 });
const fmt = (value) => (value === null || value === undefined ? "—" : number.format(value));
const signed = (value) => `<span class="${value > 0 ? "up" : value < 0 ? "down" : ""}">${value > 0 ? "+" : ""}${fmt(value)}</span>`;
const escape = (text) => String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
/** The text with each character that hides or reorders text (controls, bidi controls, invisible format characters)
 *  shown as its code point: a name or a payload can never disguise itself, or what follows it. */
const visible = (text) => String(text ?? "").replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g,
  (c) => `⟨U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}⟩`);
/** Text someone else wrote (names, symbols, payloads, reasons), for HTML: visible, escaped, and isolated in its own
 *  <bdi>, so its direction never reorders what stands beside it. */
const user = (text) => `<bdi>${escape(visible(text))}</bdi>`;
const rows = (tbody, items, render, empty, columns) => {
  tbody.innerHTML = items.length ? items.map(render).join("") : `<tr><td colspan="${columns}" class="reason">${t(empty)}</td></tr>`;
};

// MARK: - Start, sign-in and sign-out

async function start() {
  translate();
  let me;
  try {
    me = await api("/api/me");
  } catch (error) {
    if (error.status === 401) return showLogin();
    return showNotice(error.message);
  }
  state.user = me.user;
  state.current = me.current_account;
  $("#login").hidden = true;
  $("#app").hidden = false;
  $("#current").hidden = false;
  if (me.user) {
    $("#who").hidden = false;
    $("#user-name").textContent = visible(me.user.name);
    $("#user-role").textContent = me.user.role;
  } else {
    showNotice(`${t("setup")} <code>${escape(me.setup)}</code>`, true);
  }
  const admin = me.user && me.user.role === "admin";
  for (const element of document.querySelectorAll(".admin")) element.hidden = !admin;
  $("#current-account").hidden = !admin;
  $("#current-name").hidden = admin;
  await Promise.all([refresh(), loadAdapters()]);
  listen();
}

function showLogin() {
  $("#app").hidden = true;
  $("#login").hidden = false;
  $("#login-form [name=username]").focus();
}

function showNotice(html, isHTML = false) {
  const notice = $("#notice");
  notice.hidden = false;
  if (isHTML) notice.innerHTML = html; else notice.textContent = html;
}

$("#login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  $("#login-error").textContent = "";
  try {
    await api("/api/login", { method: "POST", body: { username: form.get("username"), password: form.get("password") } });
    location.reload();
  } catch (error) {
    $("#login-error").textContent = error.message;
  }
});

$("#logout").addEventListener("click", async () => {
  await api("/api/logout", { method: "POST" }).catch(() => {});
  location.reload();
});

// MARK: - Data

async function refresh() {
  try {
    state.accounts = await api("/api/accounts");
    if (!state.selected || !state.accounts.some((a) => a.name === state.selected)) state.selected = state.current || state.accounts[0]?.name;
    renderAccounts();
    await Promise.all([renderSelected(), renderOrders(), renderDeliveries()]);
  } catch (error) {
    if (error.status === 401) return showLogin();
    showNotice(error.message);
  }
}

function renderAccounts() {
  rows($("#accounts tbody"), state.accounts, (a) => `
    <tr data-name="${escape(a.name)}" class="${a.name === state.selected ? "selected" : ""}">
      <td>${user(a.name)}${a.name === state.current ? `<span class="tag current">${t("current")}</span>` : ""}</td>
      <td class="num">${fmt(a.cash)}</td><td class="num">${fmt(a.equity)}</td>
      <td class="num">${signed(a.realized_pnl)}</td><td class="num">${signed(a.unrealized_pnl)}</td>
    </tr>`, "accounts", 5);
  const names = state.accounts.map((a) => a.name);
  fillSelect($("#current-account"), names, state.current);
  $("#current-name").textContent = visible(state.current);
  fillSelect($("#order-account"), names, $("#order-account").value || state.current);
  const filter = $("#orders-account");
  fillSelect(filter, names, filter.value, t("all-accounts"));
}

function fillSelect(select, names, value, allLabel) {
  const options = (allLabel === undefined ? [] : [`<option value="">${escape(allLabel)}</option>`])
    .concat(names.map((name) => `<option value="${escape(name)}">${escape(visible(name))}</option>`));
  if (select.innerHTML !== options.join("")) select.innerHTML = options.join("");
  select.value = value ?? "";
}

$("#accounts tbody").addEventListener("click", (event) => {
  const row = event.target.closest("tr[data-name]");
  if (!row) return;
  state.selected = row.dataset.name;
  renderAccounts();
  renderSelected();
});

async function renderSelected() {
  const account = state.accounts.find((a) => a.name === state.selected);
  $("#chart-account").textContent = visible(state.selected || "");
  if (!account) return;
  rows($("#positions tbody"), account.positions.filter((p) => p.qty !== 0), (p) => `
    <tr><td>${user(p.symbol)}</td><td class="num">${fmt(p.qty)}</td><td class="num">${fmt(p.avg_cost)}</td>
    <td class="num">${fmt(p.last_price)}</td><td class="num">${fmt(p.market_value)}</td><td class="num">${signed(p.unrealized_pnl)}</td></tr>`,
    "no-positions", 6);
  const points = await api(`/api/accounts/${encodeURIComponent(account.name)}/equity?limit=2000`);
  drawChart($("#chart"), points);
}

/** An SVG line of equity over time, with its range and the first and last times. */
function drawChart(container, points) {
  if (points.length < 2) {
    container.innerHTML = `<div class="empty">${t("no-history")}${points.length ? ` · ${fmt(points[0].equity)}` : ""}</div>`;
    return;
  }
  // Drawn at the container's own width, so text keeps its shape at any screen size.
  const width = Math.max(container.clientWidth, 280), height = 220, left = 70, right = 12, top = 12, bottom = 24;
  const values = points.map((p) => p.equity);
  let low = Math.min(...values), high = Math.max(...values);
  if (low === high) { low -= 1; high += 1; }
  const x = (i) => left + (i / (points.length - 1)) * (width - left - right);
  const y = (v) => top + (1 - (v - low) / (high - low)) * (height - top - bottom);
  const line = points.map((p, i) => `${x(i).toFixed(1)},${y(p.equity).toFixed(1)}`).join(" ");
  const rising = values[values.length - 1] >= values[0];
  const color = rising ? "var(--up)" : "var(--down)";
  const grid = [high, (high + low) / 2, low].map((v) =>
    `<line class="grid" x1="${left}" x2="${width - right}" y1="${y(v)}" y2="${y(v)}"/><text class="axis" x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${fmt(Math.round(v * 100) / 100)}</text>`).join("");
  const dots = points.length <= 200 ? points.map((p, i) => `<circle cx="${x(i)}" cy="${y(p.equity)}" r="2.5" fill="${color}"><title>${escape(p.time)} · ${fmt(p.equity)}</title></circle>`).join("") : "";
  container.innerHTML = `<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="equity">
    <defs><linearGradient id="fill" x1="0" x2="0" y1="0" y2="1"><stop offset="0" stop-color="${color}" stop-opacity=".35"/><stop offset="1" stop-color="${color}" stop-opacity="0"/></linearGradient></defs>
    ${grid}
    <polygon points="${left},${height - bottom} ${line} ${width - right},${height - bottom}" fill="url(#fill)"/>
    <polyline points="${line}" fill="none" stroke="${color}" stroke-width="2" vector-effect="non-scaling-stroke"/>
    ${dots}
    <text class="axis" x="${left}" y="${height - 6}">${escape(points[0].time)}</text>
    <text class="axis" x="${width - right}" y="${height - 6}" text-anchor="end">${escape(points[points.length - 1].time)}</text>
  </svg>`;
}

async function renderOrders() {
  const account = $("#orders-account").value, symbol = $("#orders-symbol").value.trim().toUpperCase();
  const query = new URLSearchParams({ limit: "200" });
  if (account) query.set("account", account);
  if (symbol) query.set("symbol", symbol);
  const orders = await api(`/api/orders?${query}`);
  rows($("#orders tbody"), orders, (o) => `
    <tr><td>${o.id}</td><td>${escape(o.time)}</td><td>${user(o.account)}</td><td>${user(o.symbol)}</td>
    <td class="${escape(o.side)}">${escape(t(o.side))}</td><td class="num">${fmt(o.filled_qty)}${o.filled_qty !== o.requested_qty ? ` / ${fmt(o.requested_qty)}` : ""}</td>
    <td class="num">${fmt(o.exec_price ?? o.requested_price)}</td><td class="num">${fmt(o.value)}</td>
    <td><span class="tag ${escape(o.status)}">${escape(t(o.status))}</span>${o.reason ? `<div class="reason">${user(o.reason)}</div>` : ""}</td>
    <td>${user(o.source)}${o.adapter ? ` · ${user(o.adapter)}` : ""}</td></tr>`, "no-orders", 10);
}

async function renderDeliveries() {
  const deliveries = await api("/api/deliveries?limit=50");
  rows($("#deliveries tbody"), deliveries, (d) => `
    <tr><td>${escape(d.time)}</td><td>${user(d.remote_address)}</td><td>${user(d.adapter ?? "—")}</td>
    <td><span class="tag ${d.status < 300 ? "ok" : "error"}">${d.status}</span></td><td>${user(d.outcome)}${d.order_id ? ` · #${d.order_id}` : ""}</td>
    <td class="payload" title="${escape(visible(d.body))}">${user(d.body)}</td></tr>`, "no-deliveries", 6);
}

let resizeTimer;
window.addEventListener("resize", () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(renderSelected, 200); });
$("#deliveries tbody").addEventListener("click", (event) => event.target.closest(".payload")?.classList.toggle("open"));
$("#orders-account").addEventListener("change", renderOrders);
let symbolTimer;
$("#orders-symbol").addEventListener("input", () => { clearTimeout(symbolTimer); symbolTimer = setTimeout(renderOrders, 250); });

async function loadAdapters() {
  const data = await api("/api/adapters");
  state.adapters = data.adapters;
  rows($("#adapters tbody"), data.adapters, (a) => `
    <tr><td>${escape(a.name)}</td><td>${escape(a.body)}</td><td class="reason">${escape(a.match)}</td><td class="reason">${escape(a.description ?? "")}</td></tr>`, "adapters", 4);
  const select = $("#dry-adapter");
  select.innerHTML = `<option value="">${t("any-adapter")}</option>` + data.adapters.map((a) => `<option>${escape(a.name)}</option>`).join("");
}

// MARK: - Live updates

function listen() {
  const source = new EventSource("/api/events");
  let timer = null;
  source.onopen = () => $("#live").classList.add("on");
  source.onerror = () => $("#live").classList.remove("on");
  source.onmessage = (message) => {
    const event = JSON.parse(message.data);
    if (event.type === "current_account") state.current = event.account;
    // One refresh for a burst of events, and never starved by a steady stream of them.
    if (timer === null) timer = setTimeout(() => { timer = null; refresh(); }, 150);
  };
}

// MARK: - Admin actions

$("#current-account").addEventListener("change", async (event) => {
  const name = event.target.value;
  try {
    await api("/api/current-account", { method: "PUT", body: { account: name } });
    state.current = name;
    showResult($("#order-result"), t("switched", { name }), true);
    refresh();
  } catch (error) {
    event.target.value = state.current;
    showResult($("#order-result"), error.message, false);
  }
});

$("#order-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const button = $("#place-order");
  if (button.disabled) return;
  const form = new FormData(event.target);
  const body = `{"symbol":${JSON.stringify(form.get("symbol").trim())},"side":"${form.get("side")}",` +
    `"qty":${JSON.stringify(form.get("qty").trim())},"price":${JSON.stringify(form.get("price").trim())},"account":${JSON.stringify(form.get("account"))}}`;
  // One key per order placed: a double click or a retry after a lost reply is the same order, never two.
  button.disabled = true;
  try {
    const reply = await api("/api/orders", { method: "POST", body, key: `page-${Date.now()}-${Math.random().toString(36).slice(2)}` });
    const order = reply.order || (reply.legs && reply.legs[0].order);
    showResult($("#order-result"), order ? t("order-placed", { id: order.id, side: t(order.side), qty: fmt(order.filled_qty), symbol: order.symbol, price: fmt(order.exec_price), total: fmt(reply.simulation?.total_cost) }) : reply.no_action, true);
    refresh();
  } catch (error) {
    showResult($("#order-result"), error.message, false);
    refresh();
  } finally {
    button.disabled = false;
  }
});

$("#account-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const body = `{"name":${JSON.stringify(form.get("name").trim())},"cash":${JSON.stringify(form.get("cash").trim())},"allow_short":${form.get("allow_short") === "on"}}`;
  try {
    await api("/api/accounts", { method: "POST", body });
    showResult($("#account-result"), t("account-created", { name: form.get("name").trim() }), true);
    event.target.reset();
    refresh();
  } catch (error) {
    showResult($("#account-result"), error.message, false);
  }
});

function showResult(element, text, ok) {
  element.textContent = visible(text);
  element.className = `result ${ok ? "ok" : "error"}`;
}

// MARK: - Dry run

/** A normalized signal in a few words: `buy 3 TSLA @ 250`, `exit 100% AAPL @ 190`. */
function describe(signal) {
  if (!signal) return "";
  const action = signal.action && signal.action !== "buy" && signal.action !== "sell" ? signal.action : t(signal.side);
  const sizing = { notional: " cash", percent_of_equity: "% equity", percent_of_position: "%" }[signal.sizing] ?? "";
  return `${escape(action)} ${escape(fmt(signal.qty))}${escape(sizing)} ${user(signal.symbol)} @ ${escape(fmt(signal.price))}`;
}

$("#dry-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const adapter = $("#dry-adapter").value;
  const result = $("#dry-result");
  try {
    const reply = await api(`/api/dry-run${adapter ? `?adapter=${encodeURIComponent(adapter)}` : ""}`, { method: "POST", body: $("#dry-payload").value });
    const fields = Object.entries(reply.fields || {}).filter(([, f]) => f.source !== "missing");
    const fill = reply.fill || (reply.fills && reply.fills[0]);
    const verdict = reply.error
      ? `<div class="verdict error">${user(reply.error)} <span class="tag">${escape(reply.code)}</span></div>`
      : reply.no_action ? `<div class="verdict ok">${t("no-action")}: ${escape(reply.no_action)}</div>`
      : `<div class="verdict ok">${t("would-fill")}: ${describe(reply.signal)}${fill ? ` → ${escape(t(fill.side))} ${fmt(fill.filled_qty)} @ ${fmt(fill.exec_price)}, ${t("value")} ${fmt(fill.value)}, total ${fmt(fill.total_cost)}` : ""}</div>`;
    result.innerHTML = `${verdict}<div class="scroll"><table class="trace"><thead><tr><th>${t("trace-field")}</th><th>${t("trace-from")}</th><th>${t("trace-value")}</th></tr></thead><tbody>
      ${fields.map(([name, f]) => `<tr><td>${escape(name)}</td><td>${user(f.alias ?? f.template ?? f.source)}</td><td>${user(JSON.stringify(f.raw ?? null))}${f.parsed !== undefined ? ` ⇒ ${user(f.parsed)}` : ""}</td></tr>`).join("")}
      </tbody></table></div><p class="reason">${t("adapter")}: ${escape(reply.adapter ?? "—")}</p>`;
  } catch (error) {
    result.innerHTML = `<div class="verdict error">${user(error.message)}</div>`;
  }
});

start();
