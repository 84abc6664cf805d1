// Requests as the pages chart them: history lines and live cost events as one kind of point, merged by request id.
import { format, table } from "../dom.js";

export const pointFromHistory = (entry) => ({
  id: entry.requestId, at: Date.parse(entry.at), cost: entry.cost, baseline: entry.baselineCost, latencyMs: entry.latencyMs,
  cacheHit: entry.cacheHit, experts: entry.experts,
});

export const pointFromEvent = (event) => ({
  id: event.requestId, at: Date.parse(event.at), cost: event.cost, baseline: event.premiumCost, latencyMs: event.latencyMs,
  cacheHit: event.cacheHit, experts: event.experts,
});

/** The requests seen so far (history and live), oldest first. */
export class RequestPoints {
  #byId = new Map();

  add(point) {
    this.#byId.set(point.id, point);
  }

  since(time) {
    return [...this.#byId.values()].filter((p) => p.at >= time).sort((a, b) => a.at - b.at);
  }

  perSecond(now, seconds) {
    return this.since(now - seconds * 1000).length / seconds;
  }

  /** Requests and cache hits per minute over the last `minutes` minutes (x: the minute's start, in seconds). */
  perMinute(now, minutes) {
    const end = Math.floor(now / 60_000) * 60_000;
    const x = [];
    const requests = [];
    const cacheHits = [];
    for (let i = minutes - 1; i >= 0; i--) {
      x.push((end - i * 60_000) / 1000);
      requests.push(0);
      cacheHits.push(0);
    }
    for (const p of this.since(end - (minutes - 1) * 60_000)) {
      const index = Math.floor((p.at - (end - (minutes - 1) * 60_000)) / 60_000);
      if (index < 0 || index >= minutes) continue;
      requests[index] += 1;
      if (p.cacheHit) cacheHits[index] += 1;
    }
    return { x, requests, cacheHits };
  }
}

/** The newest cost events as a table, one row per settled request. */
export function costFeed(events) {
  return table([
    { title: "time", value: (e) => format.time(e.at) },
    { title: "request", value: (e) => e.requestId },
    { title: "router", value: (e) => e.routerId },
    { title: "experts", value: (e) => e.experts.join(", ") },
    { title: "cost", num: true, value: (e) => format.money(e.cost) },
    { title: "premium", num: true, value: (e) => format.money(e.premiumCost) },
    { title: "savings", num: true, value: (e) => format.money(e.savings) },
    { title: "cache", value: (e) => (e.cacheHit ? "hit" : "") },
    { title: "tokens in/out", num: true, value: (e) => `${e.inputTokens} / ${e.outputTokens}` },
    { title: "latency", num: true, value: (e) => format.ms(e.latencyMs) },
  ], events, { "data-testid": "cost-feed" });
}

