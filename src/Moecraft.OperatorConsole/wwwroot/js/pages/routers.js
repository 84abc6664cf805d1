// Routers: a router layer's roster and epoch, its coherence per expert on the three clocks (phi, phi_loo), load
// shares, bias, Neff, MaxVio, free energy, the same over time with the epoch boundaries, and its lifecycle decisions
// with an apply action (/moecraft/routers).
import { api } from "../api.js";
import { card, failed, format, h, show, table } from "../dom.js";
import { healthHistory } from "./routerHistory.js";
import { pickRouter, routerSelect } from "./routerPicker.js";

const clocks = (v) => (v ? `${fmt(v.fast)} / ${fmt(v.mid)} / ${fmt(v.slow)}` : "—");
const fmt = (x) => (x === null || x === undefined ? "—" : Number(x).toFixed(3));

export async function render({ args }) {
  const { routers, router } = await pickRouter(args[0]);
  if (!router) return void show(h("h1", {}, "Routers"), h("p", { class: "muted" }, "No router is configured."));
  const base = `/moecraft/routers/${encodeURIComponent(router)}`;
  const [view, health, history, decisions] = await Promise.all(
    [api(`${base}/`), api(`${base}/health`), api(`${base}/health/history`), api(`${base}/lifecycle`)]);
  const overTime = healthHistory(history);
  const result = h("div", { "data-testid": "action-result" });

  async function apply(decision) {
    try {
      await api(`${base}/lifecycle/${decision.id}/apply`, { method: "POST" });
      window.dispatchEvent(new HashChangeEvent("hashchange")); // the shell renders the page again, charts and all
    } catch (error) {
      result.replaceChildren(failed(`Applying decision ${decision.id}`, error));
    }
  }

  show(
    h("h1", {}, "Routers"),
    h("div", { class: "row" }, routerSelect("routers", routers, router)),
    h("div", { class: "cards" },
      card("Epoch", view.epoch, `${format.number(view.routedUnits)} routed units`),
      card("Steps observed", format.number(health.steps), "shadow samples and training steps", "card-steps"),
      card("Experts", `${view.activeExperts} / ${view.slots.length}`, `top-${view.topK}, width ${view.width}`),
      card("Neff", fmt(health.effectiveExperts), `MaxVio ${fmt(health.maxViolation)}`),
      card("Psi / Psi_loo", `${fmt(health.psi)}`, `loo ${fmt(health.psiLeaveOneOut)} · saturation ${fmt(health.saturation)}`),
      card("Free energy", fmt(health.freeEnergy?.value), `coherence ${fmt(health.freeEnergy?.slowCoherence)} · complexity ${fmt(health.freeEnergy?.complexity)}`),
    ),
    health.kernel && health.kernel !== "reachable"
      ? h("div", { class: "notice" }, `Kernel: ${health.kernel}`)
      : h("p", { class: "muted" }, `Kernel: ${health.kernel ?? "unknown"}`),
    h("h2", {}, "Coherence per expert (fast / mid / slow)"),
    table([
      { title: "slot", num: true, value: (e) => e.slot },
      { title: "expert", value: (e) => e.expertId },
      { title: "active", value: (e) => (e.active ? "yes" : "no") },
      { title: "phi", value: (e) => clocks(e.phi) },
      { title: "phi_loo", value: (e) => clocks(e.phiLeaveOneOut) },
      { title: "load share", value: (e) => clocks(e.load) },
      { title: "tokens", num: true, value: (e) => format.number(e.tokens) },
      { title: "bias", num: true, value: (e) => fmt(e.bias) },
      { title: "delta phi", num: true, value: (e) => fmt(e.deltaPhi) },
      { title: "degrading", value: (e) => (e.degrading ? h("span", { class: "bad" }, "degrading") : "") },
    ], health.experts, { "data-testid": "router-health" }),
    overTime.element,
    h("h2", {}, "Lifecycle decisions"), result,
    table([
      { title: "id", num: true, value: (d) => d.id },
      { title: "at", value: (d) => format.dateTime(d.at) },
      { title: "step", num: true, value: (d) => d.step },
      { title: "epoch", num: true, value: (d) => d.epoch },
      { title: "free energy", num: true, value: (d) => fmt(d.before?.value) },
      { title: "summary", value: (d) => d.summary },
      { title: "status", value: (d) => d.status },
      { title: "", value: (d) => (d.status === "proposed" && d.chosen !== null ? h("button", { class: "small", onclick: () => apply(d) }, "apply") : "") },
    ], [...decisions].reverse().slice(0, 50), { "data-testid": "lifecycle" }),
  );
  overTime.draw();
  return overTime.destroy;
}
