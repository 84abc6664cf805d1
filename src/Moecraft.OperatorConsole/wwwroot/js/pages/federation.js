// Federation: each node's peers with tier, liveness, last heartbeat, clock digest and forks (/moecraft/federation/peers).
import { api } from "../api.js";
import { h, show, table } from "../dom.js";

export async function render() {
  const nodes = await api("/moecraft/federation/peers");
  show(
    h("h1", {}, "Federation"),
    nodes.map((node) => h("div", {},
      h("h2", {}, `Node ${node.node}`),
      h("p", { class: "muted" }, `node id ${node.nodeId}`),
      table([
        { title: "peer", value: (p) => p.name },
        { title: "node id", value: (p) => p.nodeId },
        { title: "tier", value: (p) => p.tier },
        { title: "liveness", value: (p) => p.liveness },
        { title: "last heartbeat", num: true, value: (p) => (p.lastHeartbeat === null || p.lastHeartbeat === undefined ? "never" : `#${p.lastHeartbeat}`) },
        { title: "clock digest", value: (p) => p.clockDigest ?? "—" },
        { title: "forked", value: (p) => (p.forked ? h("span", { class: "bad" }, "forked") : "") },
      ], node.peers, { "data-testid": "peers" }))),
  );
}
