// The live cost stream (/moecraft/stream/cost): one connection per page that wants it, reconnecting after a break.
import { path, readEvents } from "./api.js";

/**
 * Subscribes to a tenant's settled requests (the caller's own when tenant is empty). onCost(event) runs per request;
 * onState("live" | "reconnecting" | message) tells the page how the stream is. Answers a function that closes it.
 */
export function subscribeCost(tenant, onCost, onState) {
  const controller = new AbortController();
  (async () => {
    while (!controller.signal.aborted) {
      try {
        await readEvents(path("/moecraft/stream/cost", { tenant }), controller.signal, (name, data) => {
          if (name === "ready") onState("live");
          else if (name === "cost") onCost(data);
        });
      } catch (error) {
        if (controller.signal.aborted) return;
        if (error.status === 401 || error.status === 403) {
          onState(error.message);
          return;
        }
      }
      if (controller.signal.aborted) return;
      onState("reconnecting");
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  })();
  return () => controller.abort();
}
