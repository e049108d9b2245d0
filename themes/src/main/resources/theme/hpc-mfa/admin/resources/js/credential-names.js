// Readable credential names in the admin console's Credentials tab. Keycloak 26.5 prints a credential's raw type
// there, first letter capitalised ("Registration-token"); this shows the name the pack gives each type in the
// admin's language (message keys themes.credentialType.<type>, served with the console's other texts). The type
// stays in the cell's title. Nothing else on the page is touched.
const PREFIX = "themes.credentialType.";
const CELLS = 'td[data-testid="credentialType"], td.kc-expandableRow-credentialType';

const environment = JSON.parse(document.getElementById("environment").textContent);
const language = (navigator.language || "en").split("-")[0];

async function loadNames() {
  const base = environment.adminBaseUrl.replace(/\/+$/, "");
  const url = `${base}/resources/${encodeURIComponent(environment.realm)}/admin/${language}`;
  const response = await fetch(url, { credentials: "omit" });
  if (!response.ok) {
    return new Map();
  }
  const names = new Map();
  for (const { key, value } of await response.json()) {
    if (key.startsWith(PREFIX)) {
      const type = key.substring(PREFIX.length);
      names.set(type.charAt(0).toUpperCase() + type.slice(1), { type, name: value });
    }
  }
  return names;
}

function rename(names) {
  for (const cell of document.querySelectorAll(CELLS)) {
    // Change React's own text node, so a later render of the row is seen and renamed again.
    const text = [...cell.childNodes].find((node) => node.nodeType === Node.TEXT_NODE);
    const known = text && names.get(text.nodeValue.trim());
    // Only a real change: writing a text node, even unchanged, wakes the observer again ("Password" stays "Password").
    if (known && text.nodeValue !== known.name) {
      text.nodeValue = known.name;
      cell.title = known.type;
      cell.dataset.credentialType = known.type;
    }
  }
}

loadNames().then((names) => {
  if (names.size === 0) {
    return;
  }
  rename(names);
  new MutationObserver(() => rename(names)).observe(document.body, {
    childList: true,
    subtree: true,
    characterData: true,
  });
});
