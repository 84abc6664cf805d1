// Overview: the caller's tenant's traffic, latency, errors, cache hits, cost and savings over the last hour and day
// (/moecraft/cost, /moecraft/performance, /moecraft/history), moving live with the cost stream.
import { api, path } from "../api.js";
import { lineChart } from "../charts.js";
import { card, format, h, show } from "../dom.js";
import { subscribeCost } from "../live.js";
import { costFeed, pointFromEvent, pointFromHistory, RequestPoints } from "./requests.js";

export async function render({ who }) {
  const tenant = who.tenant;
  const hourAgo = new Date(Date.now() - 3600_000).toISOString();
  const [hour, day, performance, history] = await Promise.all([
    api(path("/moecraft/cost", { from: hourAgo })),
    api(path("/moecraft/cost", { days: 1 })),
    api(path("/moecraft/performance", { days: 1 })),
    api(path("/moecraft/history", { limit: 500 })),
  ]);

  const points = new RequestPoints();
  for (const entry of history.entries) points.add(pointFromHistory(entry));

  const cards = h("div", { class: "cards", "data-testid": "overview-cards" });
  const status = h("span", { class: "muted", "data-testid": "stream-state" }, "connecting…");
  const perMinute = h("div", { class: "chart", "data-testid": "chart-requests" });
  const costChart = h("div", { class: "chart", "data-testid": "chart-cost" });
  const latencyChart = h("div", { class: "chart", "data-testid": "chart-latency" });
  const feed = h("div", { "data-testid": "live-feed" });
  show(
    h("h1", {}, `Overview — tenant ${tenant}`),
    cards,
    h("div", { class: "charts" }, perMinute, costChart, latencyChart),
    h("h2", {}, "Live requests ", status),
    feed,
  );

  const charts = {
    perMinute: lineChart(perMinute, "Requests per minute (last hour)", ["requests", "cache hits"]),
    cost: lineChart(costChart, "Cumulative cost vs premium baseline (last hour)", ["cost", "premium baseline"], { money: true }),
    latency: lineChart(latencyChart, "Latency per request (ms)", ["latency"]),
  };
  const live = [];

  function draw() {
    const now = Date.now();
    const errors = performance.sampled === 0 ? 0 : (performance.failed + performance.rejected) / performance.sampled;
    cards.replaceChildren(
      card("Requests / s (live, 10 s)", format.number(points.perSecond(now, 10), 2), `${format.number(hour.requests)} in the last hour`, "card-rps"),
      card("Requests (day)", format.number(day.requests), `${format.number(hour.requests)} last hour`, "card-requests"),
      card("Latency p50 / p90 / p99", `${format.ms(performance.latency.p50)}`, `p90 ${format.ms(performance.latency.p90)} · p99 ${format.ms(performance.latency.p99)} · ${performance.latency.samples} samples`, "card-latency"),
      card("Error rate (day)", format.percent(errors), `${performance.failed} failed · ${performance.rejected} rejected of ${performance.sampled}`, "card-errors"),
      card("Cache hit rate (day)", format.percent(day.requests === 0 ? 0 : day.cacheHits / day.requests), `${format.number(day.cacheHits)} hits`, "card-cache"),
      card("Cost (day)", format.money(day.cost), `last hour ${format.money(hour.cost)}`, "card-cost"),
      card("Premium baseline (day)", format.money(day.baselineCost), "always the premium expert", "card-baseline"),
      card("Savings (day)", format.money(day.savings), day.baselineCost > 0 ? `${format.percent(day.savings / day.baselineCost)} of baseline` : "", "card-savings"),
    );
    const minutes = points.perMinute(now, 60);
    charts.perMinute.set(minutes.x, minutes.requests, minutes.cacheHits);
    const recent = points.since(now - 3600_000);
    charts.cost.set(recent.map((p) => p.at / 1000), cumulative(recent, (p) => p.cost), cumulative(recent, (p) => p.baseline));
    charts.latency.set(recent.map((p) => p.at / 1000), recent.map((p) => p.latencyMs));
    feed.replaceChildren(costFeed(live));
  }

  const close = subscribeCost(null, (event) => {
    points.add(pointFromEvent(event));
    live.unshift(event);
    live.length = Math.min(live.length, 25);
    for (const totals of [hour, day]) {
      totals.requests += 1;
      totals.cacheHits += event.cacheHit ? 1 : 0;
      totals.cost += event.cost;
      totals.baselineCost += event.premiumCost;
      totals.savings += event.savings;
    }
    draw();
  }, (state) => { status.textContent = state; status.dataset.state = state; });
  draw();
  const timer = setInterval(draw, 5000); // requests per second decays without traffic
  return () => {
    close();
    clearInterval(timer);
    Object.values(charts).forEach((c) => c.destroy());
  };
}

function cumulative(points, value) {
  let sum = 0;
  return points.map((p) => (sum += value(p)));
}

