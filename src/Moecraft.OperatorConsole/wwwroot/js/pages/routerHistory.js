// A router's health over time (/moecraft/routers/{id}/health/history): phi, phi_loo and load share per expert on the
// chosen clock, bias per expert, Neff / MaxVio / Psi_loo / free energy, the degrading flags, and the epoch boundaries
// (dashed lines on every chart, and a table).
import { lineChart } from "../charts.js";
import { format, h, table } from "../dom.js";

const seconds = (at) => Date.parse(at) / 1000;

/** The history section; answers { element, destroy }. */
export function healthHistory(history) {
  const snapshots = history.snapshots;
  const experts = [...new Set(snapshots.flatMap((s) => s.experts.map((e) => e.expertId)))].sort();
  const x = snapshots.map((s) => seconds(s.at));
  const markers = history.epochs.map((e) => seconds(e.at));
  const charts = [];
  const grid = h("div", { class: "charts" });
  const clock = h("select", { "data-testid": "clock-select", onchange: () => draw() },
    ["fast", "mid", "slow"].map((c) => h("option", { value: c, selected: c === "fast" }, c)));

  /** One value per snapshot for each expert (null where the expert was not on the roster or the value is undefined). */
  const perExpert = (value) => experts.map((id) => snapshots.map((s) => {
    const e = s.experts.find((p) => p.expertId === id);
    return e ? value(e) ?? null : null;
  }));

  function chart(testId, title, labels, ...ys) {
    const container = h("div", { class: "chart", "data-testid": testId });
    grid.append(container);
    const c = lineChart(container, title, labels, { markers });
    c.set(x, ...ys);
    charts.push(c);
  }

  function draw() {
    for (const c of charts.splice(0)) c.destroy();
    grid.replaceChildren();
    const on = clock.value;
    chart("history-phi", `phi per expert (${on} clock)`, experts, ...perExpert((e) => e.phi[on]));
    chart("history-phi-loo", `phi_loo per expert (${on} clock)`, experts, ...perExpert((e) => e.phiLeaveOneOut[on]));
    chart("history-load", `Load share per expert (${on} clock)`, experts, ...perExpert((e) => e.load[on]));
    chart("history-bias", "Bias (beta) per expert", experts, ...perExpert((e) => e.bias));
    chart("history-layer", "Neff, MaxVio, Psi_loo, free energy", ["Neff", "MaxVio", "Psi_loo", "free energy"],
      snapshots.map((s) => s.effectiveExperts), snapshots.map((s) => s.maxViolation),
      snapshots.map((s) => s.psiLeaveOneOut), snapshots.map((s) => s.freeEnergy));
  }

  const degrading = experts.map((id) => {
    const flagged = snapshots.filter((s) => s.experts.some((e) => e.expertId === id && e.degrading));
    return { id, count: flagged.length, first: flagged[0]?.at, last: flagged.at(-1)?.at };
  }).filter((d) => d.count > 0);

  const element = h("section", { "data-testid": "router-history" },
    h("h2", {}, "Over time"),
    h("p", { class: "muted" },
      `${snapshots.length} snapshot(s), one every ${history.period} while the router observes steps (the newest ${format.number(history.kept)} are kept); `,
      "dashed lines mark where an epoch began."),
    h("div", { class: "row" }, h("label", {}, "clock ", clock)),
    snapshots.length === 0 ? h("p", { class: "muted", "data-testid": "history-empty" }, "No snapshot yet: the router has not observed a step since it was configured.") : null,
    grid,
    h("h3", {}, "Degrading flags"),
    table([
      { title: "expert", value: (d) => d.id },
      { title: "snapshots flagged", num: true, value: (d) => `${d.count} of ${snapshots.length}` },
      { title: "first", value: (d) => format.dateTime(d.first) },
      { title: "last", value: (d) => format.dateTime(d.last) },
    ], degrading, { "data-testid": "history-degrading" }),
    h("h3", {}, "Epochs"),
    table([
      { title: "epoch", num: true, value: (e) => e.epoch },
      { title: "began", value: (e) => format.dateTime(e.at) },
      { title: "at step", num: true, value: (e) => format.number(e.step) },
      { title: "why", value: (e) => e.reason },
    ], [...history.epochs].reverse(), { "data-testid": "epochs" }),
  );
  // Charts size themselves on their container, so they are drawn once the section is on the page.
  return {
    element,
    draw,
    destroy: () => charts.forEach((c) => c.destroy()),
  };
}
