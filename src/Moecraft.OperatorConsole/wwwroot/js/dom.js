// Small DOM helpers: every value is set as text, never parsed as HTML.

/** h("div", { class: "card", "data-testid": "x" }, child, "text", ...) */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** A titled figure: label, big value, optional smaller line. */
export function card(label, value, sub, testId) {
  return h("div", { class: "card", "data-testid": testId }, h("div", { class: "label" }, label), h("div", { class: "value" }, value), sub ? h("div", { class: "sub" }, sub) : null);
}

/** A table from column definitions { title, value: row => text|Node, num }. */
export function table(columns, rows, attributes = {}) {
  return h("table", attributes,
    h("thead", {}, h("tr", {}, columns.map((c) => h("th", { class: c.num ? "num" : null }, c.title)))),
    h("tbody", {}, rows.length === 0
      ? h("tr", {}, h("td", { colspan: columns.length, class: "muted" }, "nothing yet"))
      : rows.map((row) => h("tr", {}, columns.map((c) => h("td", { class: c.num ? "num" : null }, c.value(row) ?? "—"))))));
}

export const format = {
  money: (value) => (value === null || value === undefined ? "—" : `$${Number(value).toFixed(Number(value) !== 0 && Math.abs(value) < 0.01 ? 6 : 4)}`),
  percent: (value) => (value === null || value === undefined || Number.isNaN(value) ? "—" : `${(value * 100).toFixed(1)} %`),
  ms: (value) => (value === null || value === undefined ? "—" : `${Math.round(value)} ms`),
  number: (value, digits = 0) => (value === null || value === undefined ? "—" : Number(value).toLocaleString("en-US", { maximumFractionDigits: digits })),
  time: (value) => (value ? new Date(value).toLocaleTimeString("en-GB") : "—"),
  dateTime: (value) => (value ? new Date(value).toISOString().replace("T", " ").slice(0, 19) : "—"),
};

/** Replaces the page's content; answers the page element. */
export function show(...children) {
  const page = document.getElementById("page");
  page.replaceChildren(...children.flat().filter(Boolean));
  return page;
}

/** An error where a section would be: what failed and why. */
export function failed(what, error) {
  return h("div", { class: "notice error", "data-testid": "error" }, `${what}: ${error.message}`);
}
