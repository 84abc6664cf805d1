// The console's shell: the credential form, who the credential is, the halt banner and hash routing between pages.
import { api, ApiError, credential } from "./api.js";
import { h, show } from "./dom.js";
import * as overview from "./pages/overview.js";
import * as experts from "./pages/experts.js";
import * as tenants from "./pages/tenants.js";
import * as kernel from "./pages/kernel.js";
import * as routers from "./pages/routers.js";
import * as federation from "./pages/federation.js";

const pages = { overview, experts, tenants, kernel, routers, federation };
let cleanup = null;

/** Who the credential is; null when the silo refuses it (or wants one). Every page needs an operator. */
async function whoAmI() {
  try {
    return await api("/moecraft/whoami");
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return { refused: error.message };
    throw error;
  }
}

function askForKey(message) {
  document.getElementById("who").textContent = "not signed in";
  show(h("h1", {}, "Moecraft console"),
    h("div", { class: "notice", "data-testid": "refused" }, message),
    h("p", {}, "Paste an admin API key above (",
      h("code", {}, "moecraft keys issue --tenant <t> --name <n> --admin"),
      "). It is kept in this browser tab only and sent as a bearer token."));
}

export async function refreshHalt() {
  const banner = document.getElementById("halted");
  try {
    const governance = await api("/moecraft/governance");
    banner.hidden = !governance.halted;
    banner.textContent = governance.halted ? `Cluster halted by ${governance.halt.actor}: ${governance.halt.reason}` : "";
  } catch {
    banner.hidden = true;
  }
}

async function route() {
  if (cleanup) cleanup();
  cleanup = null;
  const [name = "overview", ...args] = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  for (const link of document.querySelectorAll("#nav a[data-page]")) link.classList.toggle("active", link.dataset.page === name);

  const who = await whoAmI();
  if (who.refused) return askForKey(`The silo refused the credential: ${who.refused}`);
  document.getElementById("who").textContent = `${who.tenant}${who.keyName ? ` / ${who.keyName}` : ""} (${who.authentication}${who.admin ? ", admin" : ""})`;
  if (!who.admin) return askForKey(`This key is not an admin key (tenant '${who.tenant}'): the console needs an operator's credential.`);

  await refreshHalt();
  const page = pages[name] ?? overview;
  try {
    cleanup = (await page.render({ args, who })) ?? null;
  } catch (error) {
    show(h("div", { class: "notice error", "data-testid": "error" }, `Could not load the page: ${error.message}`));
  }
  document.body.dataset.page = name;
  document.body.dataset.ready = "true";
}

document.getElementById("credential").addEventListener("submit", (event) => {
  event.preventDefault();
  const input = document.getElementById("key");
  if (input.value.trim()) credential.set(input.value.trim());
  input.value = "";
  route();
});
document.getElementById("forget-key").addEventListener("click", () => {
  credential.clear();
  route();
});
window.addEventListener("hashchange", () => {
  document.body.dataset.ready = "false";
  route();
});
route();
