// Tenants: every tenant's budget and spend (/moecraft/tenants), then one tenant's cost and savings (/moecraft/cost),
// requests by expert and recent routing decisions (/moecraft/history) and its live cost stream.
import { api, path } from "../api.js";
import { card, format, h, show, table } from "../dom.js";
import { subscribeCost } from "../live.js";
import { costFeed } from "./requests.js";

export async function render({ args, who }) {
  const tenants = await api("/moecraft/tenants");
  const selected = args[0] || who.tenant;
  const [cost, history] = await Promise.all([
    api(path("/moecraft/cost", { tenant: selected, days: 30 })),
    api(path("/moecraft/history", { tenant: selected, limit: 200 })),
  ]);
  const byExpert = new Map();
  for (const e of history.entries) for (const x of e.experts) byExpert.set(x, (byExpert.get(x) ?? 0) + 1);

  const status = h("span", { class: "muted", "data-testid": "stream-state" }, "connecting…");
  const feed = h("div", { "data-testid": "live-feed" }, costFeed([]));
  const budget = cost.budget;
  show(
    h("h1", {}, "Tenants"),
    table([
      { title: "tenant", value: (t) => h("a", { href: `#/tenants/${encodeURIComponent(t.id)}` }, t.id) },
      { title: "budget", num: true, value: (t) => `${format.money(t.budget)} / ${t.period}` },
      { title: "spent", num: true, value: (t) => format.money(t.spent) },
      { title: "remaining", num: true, value: (t) => format.money(t.remaining) },
      { title: "policy", value: (t) => t.routingPolicy },
      { title: "quality target", num: true, value: (t) => t.qualityTarget },
      { title: "keys", num: true, value: (t) => t.keys },
    ], tenants, { "data-testid": "tenants-table" }),
    h("h2", {}, `Tenant ${selected} — last 30 days`),
    h("div", { class: "cards" },
      card("Requests", format.number(cost.requests), `${format.percent(cost.cacheHitRate)} cache hits`),
      card("Cost", format.money(cost.cost), `${format.number(cost.inputTokens)} in / ${format.number(cost.outputTokens)} out tokens`),
      card("Premium baseline", format.money(cost.baselineCost)),
      card("Savings", format.money(cost.savings), cost.baselineCost > 0 ? `${format.percent(cost.savings / cost.baselineCost)} of baseline` : ""),
      budget ? card(`Budget (${budget.period})`, format.money(budget.budget), `spent ${format.money(budget.spent)} · reserved ${format.money(budget.reserved)} · left ${format.money(budget.remaining)}`, "card-budget") : null),
    h("div", { class: "grid2" },
      h("div", {}, h("h2", {}, "Requests by expert (last 200)"),
        table([{ title: "expert", value: ([x]) => x }, { title: "requests", num: true, value: ([, n]) => n }], [...byExpert].sort((a, b) => b[1] - a[1]))),
      h("div", {}, h("h2", {}, "Recent routing decisions"),
        table([
          { title: "time", value: (e) => format.dateTime(e.at) },
          { title: "experts", value: (e) => e.experts.join(", ") },
          { title: "policy", value: (e) => e.policy },
          { title: "confidence", num: true, value: (e) => format.number(e.confidence, 3) },
          { title: "cost", num: true, value: (e) => format.money(e.cost) },
          { title: "outcome", value: (e) => e.outcome },
        ], history.entries.slice(0, 20), { "data-testid": "decisions" }))),
    h("h2", {}, "Live cost stream ", status),
    feed,
  );

  const live = [];
  return subscribeCost(selected, (event) => {
    live.unshift(event);
    live.length = Math.min(live.length, 25);
    feed.replaceChildren(costFeed(live));
  }, (state) => { status.textContent = state; status.dataset.state = state; });
}
