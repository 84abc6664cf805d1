// The router a page shows: from the page's address (#/page/<router>) or the first configured router.
import { api } from "../api.js";
import { h } from "../dom.js";

export async function pickRouter(requested) {
  const routers = await api("/moecraft/routers");
  const router = requested && routers.includes(requested) ? requested : (routers.includes("default") ? "default" : routers[0]);
  return { routers, router };
}

/** A select that moves to #/<page>/<router>. */
export function routerSelect(page, routers, router) {
  return h("label", {}, "router ",
    h("select", { "data-testid": "router-select", onchange: (e) => { location.hash = `#/${page}/${encodeURIComponent(e.target.value)}`; } },
      routers.map((r) => h("option", { value: r, selected: r === router }, r))));
}
