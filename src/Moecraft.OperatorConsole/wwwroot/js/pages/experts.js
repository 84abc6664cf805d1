// Experts: a router's roster with each expert's status, backend, tier, price, counters, calls in flight against its
// concurrency limit, circuit state, the gate's predicted success and the scars and reflexes that name it
// (/moecraft/experts), the lifecycle actions (POST /moecraft/experts/{id}/status), and one expert's page with its calls
// and recent decisions.
import { api, path } from "../api.js";
import { card, failed, format, h, show, table } from "../dom.js";
import { pickRouter, routerSelect } from "./routerPicker.js";

export async function render({ args }) {
  if (args[0] === "expert" && args[1]) return renderExpert(args[1], args[2]);
  const { routers, router } = await pickRouter(args[0]);
  if (!router) return void show(h("h1", {}, "Experts"), h("p", { class: "muted" }, "No router is configured."));
  const experts = await api(path("/moecraft/experts", { router }));
  const message = h("div", { "data-testid": "action-result" });

  async function move(expert, status) {
    try {
      await api(`/moecraft/experts/${encodeURIComponent(expert.id)}/status`, { method: "POST", body: { status, router } });
      await render({ args: [router] });
    } catch (error) {
      message.replaceChildren(failed(`Moving ${expert.id} to ${status}`, error));
    }
  }

  const actions = (e) => h("span", { class: "row" },
    e.status !== "cooling" && e.status !== "archived" ? h("button", { class: "small", "data-testid": `cool-${e.id}`, onclick: () => move(e, "cooling") }, "cool") : null,
    e.status !== "archived" ? h("button", { class: "small", "data-testid": `archive-${e.id}`, onclick: () => move(e, "archived") }, "archive") : null,
    e.status !== "active" ? h("button", { class: "small", "data-testid": `restore-${e.id}`, onclick: () => move(e, "active") }, "restore") : null);

  show(
    h("h1", {}, "Experts"),
    h("div", { class: "row" }, routerSelect("experts", routers, router)),
    message,
    table([
      { title: "expert", value: (e) => h("a", { href: `#/experts/expert/${encodeURIComponent(e.id)}/${encodeURIComponent(router)}` }, e.id) },
      { title: "status", value: (e) => h("span", { class: `status-${e.status}` }, e.status) },
      { title: "slot", num: true, value: (e) => e.slot },
      { title: "backend", value: (e) => e.backend },
      { title: "model", value: (e) => e.model },
      { title: "tier", value: (e) => e.tier },
      { title: "$ in / out per M", num: true, value: (e) => `${e.inputPerMillion} / ${e.outputPerMillion}` },
      { title: "calls", num: true, value: (e) => format.number(e.usage.calls) },
      { title: "failures", num: true, value: (e) => `${format.number(e.usage.failures)} (${format.percent(e.usage.failureRate)})` },
      { title: "mean latency", num: true, value: (e) => format.ms(e.usage.meanLatencyMs) },
      { title: "tokens in / out", num: true, value: (e) => `${format.number(e.usage.inputTokens)} / ${format.number(e.usage.outputTokens)}` },
      { title: "cost", num: true, value: (e) => format.money(e.usage.cost) },
      { title: "in flight / limit", num: true, value: (e) => inFlight(e.activity) },
      { title: "circuit", value: (e) => circuit(e.activity) },
      { title: "predicted success", num: true, value: (e) => predicted(e.routing) },
      { title: "scars / reflexes", num: true, value: (e) => (e.routing ? `${e.routing.scars.length} / ${e.routing.reflexes.length}` : "—") },
      { title: "actions", value: actions },
    ], experts, { "data-testid": "experts-table" }),
  );
}

const inFlight = (a) => (a ? `${a.inFlight} / ${a.concurrencyLimit}${a.queued > 0 ? ` (+${a.queued} waiting)` : ""}` : "—");
const circuit = (a) => (a ? h("span", { class: a.circuit === "closed" ? null : "bad" }, a.circuit) : "—");
const predicted = (r) => (r && r.predictedSuccess !== null ? format.percent(r.predictedSuccess) : "—");

async function renderExpert(id, router) {
  const [expert, history] = await Promise.all([
    api(path(`/moecraft/experts/${encodeURIComponent(id)}`, { router })),
    api(path("/moecraft/history", { limit: 500 })),
  ]);
  const u = expert.usage;
  const decisions = history.entries.filter((e) => e.experts.includes(id)).slice(0, 50);
  show(
    h("h1", {}, `Expert ${id}`),
    h("p", {}, h("a", { href: `#/experts/${encodeURIComponent(router ?? "")}` }, "← all experts")),
    h("div", { class: "cards" },
      h("div", { class: "card" }, h("div", { class: "label" }, "status"), h("div", { class: `value status-${expert.status}` }, expert.status)),
      h("div", { class: "card" }, h("div", { class: "label" }, "backend / model"), h("div", { class: "value" }, expert.backend), h("div", { class: "sub" }, `${expert.model} · tier ${expert.tier}`)),
      h("div", { class: "card", "data-testid": "expert-calls" }, h("div", { class: "label" }, "calls"), h("div", { class: "value" }, format.number(u.calls)), h("div", { class: "sub" }, `${format.number(u.failures)} failures (${format.percent(u.failureRate)})`)),
      h("div", { class: "card" }, h("div", { class: "label" }, "mean latency"), h("div", { class: "value" }, format.ms(u.meanLatencyMs))),
      h("div", { class: "card" }, h("div", { class: "label" }, "tokens in / out"), h("div", { class: "value" }, `${format.number(u.inputTokens)} / ${format.number(u.outputTokens)}`)),
      h("div", { class: "card" }, h("div", { class: "label" }, "cost"), h("div", { class: "value" }, format.money(u.cost)), h("div", { class: "sub" }, `$${expert.inputPerMillion} / $${expert.outputPerMillion} per M tokens`)),
      card("in flight / limit", inFlight(expert.activity), "calls holding a slot now", "expert-in-flight"),
      card("circuit", circuit(expert.activity), "on the silo hosting the expert", "expert-circuit"),
      card("predicted success", predicted(expert.routing), expert.routing ? `gate's recent estimate over ${format.number(expert.routing.gateCalls)} gate calls on ${expert.routing.router}` : "not on this router's roster", "expert-predicted"),
    ),
    h("h2", {}, "Scars and reflexes that name it"),
    table([
      { title: "kind", value: (r) => r.kind },
      { title: "keeper event", num: true, value: (r) => r.sequence },
      { title: "radius", num: true, value: (r) => format.number(r.radius, 3) },
      { title: "effect", value: (r) => (r.kind === "scar" ? "not offered for prompts in the region" : "answers first for prompts in the region") },
    ], expert.routing ? [...expert.routing.scars.map((s) => ({ kind: "scar", ...s })), ...expert.routing.reflexes.map((r) => ({ kind: "reflex", ...r }))] : [],
    { "data-testid": "expert-regions" }),
    h("h2", {}, "Recent requests it answered (your tenant)"),
    table([
      { title: "time", value: (e) => format.dateTime(e.at) },
      { title: "request", value: (e) => e.requestId },
      { title: "experts", value: (e) => e.experts.join(", ") },
      { title: "policy", value: (e) => e.policy },
      { title: "confidence", num: true, value: (e) => format.number(e.confidence, 3) },
      { title: "cost", num: true, value: (e) => format.money(e.cost) },
      { title: "latency", num: true, value: (e) => format.ms(e.latencyMs) },
      { title: "outcome", value: (e) => e.outcome },
    ], decisions, { "data-testid": "expert-requests" }),
  );
}
