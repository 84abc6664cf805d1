// Kernel and governance: the policy with its history, the kill switch (halt, resume), governance events, a router's
// keepers, the journal of the day and the audit log's verification, all from /moecraft.
import { api } from "../api.js";
import { refreshHalt } from "../app.js";
import { failed, format, h, show, table } from "../dom.js";
import { pickRouter, routerSelect } from "./routerPicker.js";

export async function render({ args }) {
  const { routers, router } = await pickRouter(args[0]);
  const [governance, history, events, keepers, journal] = await Promise.all([
    api("/moecraft/governance"),
    api("/moecraft/governance/policy/history"),
    api("/moecraft/governance/events"),
    router ? api(`/moecraft/routers/${encodeURIComponent(router)}/keepers`) : Promise.resolve([]),
    api("/moecraft/journal"),
  ]);
  const result = h("div", { "data-testid": "action-result" });
  const again = () => render({ args });

  async function act(what, call) {
    try {
      await call();
      await refreshHalt();
      await again();
    } catch (error) {
      result.replaceChildren(failed(what, error));
    }
  }

  const reason = h("input", { id: "halt-reason", "data-testid": "halt-reason", placeholder: "why halt the cluster", size: 40 });
  const killSwitch = governance.halted
    ? h("div", { class: "row" },
      h("strong", { class: "bad", "data-testid": "halt-state" }, `Halted since ${format.dateTime(governance.halt.since)} by ${governance.halt.actor}: ${governance.halt.reason}`),
      h("button", { "data-testid": "resume", onclick: () => act("Resume", () => api("/moecraft/governance/resume", { method: "POST" })) }, "Resume"))
    : h("form", { class: "row", onsubmit: (e) => { e.preventDefault(); act("Halt", () => api("/moecraft/governance/halt", { method: "POST", body: { reason: reason.value } })); } },
      h("strong", { class: "ok", "data-testid": "halt-state" }, "Running"), reason, h("button", { type: "submit", "data-testid": "halt" }, "Halt"));

  const auditStatus = h("span", { "data-testid": "audit-status", class: "muted" }, "not checked");
  const verify = h("button", { class: "small", onclick: async () => {
    auditStatus.textContent = "verifying…";
    try {
      const report = await api("/moecraft/audit/verify");
      auditStatus.textContent = JSON.stringify(report);
    } catch (error) {
      auditStatus.textContent = error.message;
    }
  } }, "Verify the cluster audit log");

  const p = governance.policy;
  show(
    h("h1", {}, "Kernel & governance"),
    h("h2", {}, "Kill switch"), killSwitch, result,
    h("h2", {}, `Policy v${p.version}`),
    h("p", {}, `Set by ${p.changedBy} at ${format.dateTime(p.changedAt)} · backends ${p.allowedBackends.join(", ")} · at most ${p.maxExpertsPerRouter} experts per router · lifecycle ${p.lifecycleAutonomy} · tenant budget cap ${p.maxTenantBudget ?? "none"} · rate cap ${p.maxRequestsPerMinute ?? "none"}/min`),
    h("div", { class: "grid2" },
      h("div", {}, h("h3", {}, "Policy history"), table([
        { title: "version", num: true, value: (v) => v.version },
        { title: "by", value: (v) => v.changedBy },
        { title: "at", value: (v) => format.dateTime(v.changedAt) },
        { title: "autonomy", value: (v) => v.lifecycleAutonomy },
        { title: "backends", value: (v) => v.allowedBackends.join(", ") },
      ], [...history].reverse())),
      h("div", {}, h("h3", {}, "Governance events"), table([
        { title: "rev", num: true, value: (e) => e.revision },
        { title: "at", value: (e) => format.dateTime(e.at) },
        { title: "actor", value: (e) => e.actor },
        { title: "kind", value: (e) => e.kind },
        { title: "text", value: (e) => e.text },
      ], [...events].reverse().slice(0, 30), { "data-testid": "governance-events" }))),
    h("h2", {}, "Keepers ", routers.length > 0 ? routerSelect("kernel", routers, router) : null),
    table([
      { title: "clock", value: (k) => k.clock },
      { title: "tick", num: true, value: (k) => format.number(k.tick) },
      { title: "epoch", num: true, value: (k) => `${k.epoch} (from tick ${k.epochStartTick})` },
      { title: "budget", num: true, value: (k) => `${format.number(k.tokens, 1)} / ${k.capacity}` },
      { title: "dwell", num: true, value: (k) => k.dwell },
      { title: "pending proposals", value: (k) => (k.proposals.length === 0 ? "none" : k.proposals.map((x) => `${x.kind} ${x.subject}`).join("; ")) },
      { title: "identity events", value: (k) => (k.events.length === 0 ? "none" : k.events.slice(-5).map((x) => `#${x.sequence} ${x.kind} ${x.subject}`).join("; ")) },
    ], keepers, { "data-testid": "keepers" }),
    h("h2", {}, "Journal of the day (UTC)"),
    journal.map((day) => h("div", {},
      h("h3", {}, `${day.node} — ${day.day}${day.dropped ? ` (${day.dropped} dropped)` : ""}`),
      table([
        { title: "at", value: (e) => format.dateTime(e.at) },
        { title: "kind", value: (e) => e.kind },
        { title: "text", value: (e) => e.text },
      ], [...day.entries].reverse(), { "data-testid": "journal" }))),
    h("h2", {}, "Audit"), h("div", { class: "row" }, verify, auditStatus),
  );
}

