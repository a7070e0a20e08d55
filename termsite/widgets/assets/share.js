// termsite calculators: a computation's inputs in the address bar, so it can be shared.

const SHARE_LIMIT = 2000;

// Small inputs go into the address bar's fragment; large ones would make a useless link.
export function shareInputs(calcId, inputs) {
  const params = new URLSearchParams({ calc: calcId, ...inputs });
  const fragment = params.toString();
  if (fragment.length <= SHARE_LIMIT) {
    history.replaceState(history.state, "", `#${fragment}`);
  }
}

// Fills the form from a shared link meant for `calcId`; false when the link is not for it.
export function restoreSharedInputs(calcId, form) {
  const params = new URLSearchParams(location.hash.slice(1));
  if (params.get("calc") !== calcId) return false;
  for (const [name, value] of params) {
    const element = name === "calc" ? null : form.elements.namedItem(name);
    if (!element || element.type === "file") continue;
    if (element.type === "checkbox") element.checked = value === "true";
    else element.value = value;
  }
  return true;
}
