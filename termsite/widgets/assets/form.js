// termsite calculators: the widget's form: its values, the example data, uploads,
// and the error shown at the field it belongs to.

import { SITE_ROOT } from "./site.js";

export const FORM_STATUS = Object.freeze({
  example: "Loading the example data…",
  exampleReady: "The example data are in the form. Press Compute to run it.",
});

const exampleTexts = new Map();

// Text put into a box by the script tells the pickers, as typing would.
function setText(element, text) {
  element.value = text;
  element.dispatchEvent(new Event("input", { bubbles: true }));
}

// The form's values as strings, the way the calculators read them (files excluded).
export function formInputs(form) {
  const values = {};
  for (const element of form.elements) {
    if (!element.name || element.type === "file") continue;
    values[element.name] = element.type === "checkbox" ? String(element.checked) : element.value;
  }
  return values;
}

// The text of an example file, fetched once per page life.
export async function exampleText(path) {
  const url = new URL(path, SITE_ROOT).href;
  if (!exampleTexts.has(url)) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`The example data could not be loaded (${response.status}).`);
    exampleTexts.set(url, await response.text());
  }
  return exampleTexts.get(url);
}

// The words a checkbox value counts as "on": `calculators.spec.TRUE_WORDS`, which the
// widget root carries, so the browser and the calculators never disagree.
function trueWordsOf(form) {
  const root = form.closest("[data-true-words]");
  return root ? root.dataset.trueWords.split(" ") : [];
}

// The example file's text if this page has fetched it already (else undefined).
export function loadedExampleText(path) {
  return exampleTexts.get(new URL(path, SITE_ROOT).href);
}

// Puts every example value into the form; `say` reports progress to the reader.
export async function fillExample(form, example, say) {
  const trueWords = trueWordsOf(form);
  for (const [name, value] of Object.entries(example)) {
    const element = form.elements.namedItem(name);
    if (!element) continue;
    if (element.dataset && element.dataset.kind === "csv") {
      say(FORM_STATUS.example);
      setText(element, await exampleText(value));
    } else if (element.type === "checkbox") {
      element.checked = trueWords.includes(value.trim().toLowerCase());
    } else {
      element.value = value;
    }
  }
  say(FORM_STATUS.exampleReady);
}

// Empty CSV boxes take the example data, so "Compute" always shows a result.
export async function fillEmptyCsv(form, example, say) {
  for (const element of form.querySelectorAll('textarea[data-kind="csv"]')) {
    if (element.value.trim() === "" && example[element.name]) {
      say(FORM_STATUS.example);
      setText(element, await exampleText(example[element.name]));
    }
  }
}

// The example's inputs with each CSV's text in place of its path: what the build computed.
export async function exampleInputs(form, example) {
  const inputs = { ...example };
  for (const element of form.querySelectorAll('textarea[data-kind="csv"]')) {
    if (example[element.name]) inputs[element.name] = await exampleText(example[element.name]);
  }
  return inputs;
}

// A chosen file's text goes into the box named by the input's data-file-for; `read`
// hears the file's name and the box's text first.
export function readChosenFile(form, input, say, read = () => {}) {
  const file = input.files[0];
  const reader = new FileReader();
  reader.addEventListener("load", () => {
    const box = form.elements.namedItem(input.dataset.fileFor);
    box.value = String(reader.result);
    read(box.name, file.name, box.value);
    setText(box, box.value);
    say(`Read the file ${file.name}. Press Compute to use it.`);
  });
  reader.addEventListener("error", () => say(`The file ${file.name} could not be read.`));
  reader.readAsText(file);
}

export function clearFieldErrors(root, form) {
  for (const slot of root.querySelectorAll("[data-error-for]")) {
    slot.hidden = true;
    slot.textContent = "";
    const control = form.elements.namedItem(slot.dataset.errorFor);
    if (!control || !control.setAttribute) continue;
    control.removeAttribute("aria-invalid");
    const picker = root.querySelector(`[data-picker-for="${CSS.escape(slot.dataset.errorFor)}"]`);
    if (picker) picker.removeAttribute("aria-invalid");
    const ids = (control.getAttribute("aria-describedby") || "").split(" ");
    control.setAttribute("aria-describedby", ids.filter((id) => id && id !== slot.id).join(" "));
  }
}

// Shows `error.message` under its field (when it names one) and marks the field invalid.
export function showFieldError(root, form, error) {
  const slot = error.field
    ? root.querySelector(`[data-error-for="${CSS.escape(error.field)}"]`)
    : null;
  const control = slot ? form.elements.namedItem(error.field) : null;
  if (slot && control && control.setAttribute) {
    slot.textContent = error.message;
    slot.hidden = false;
    // A field folded under "More options" opens, so the reader sees what to fix.
    const folded = slot.closest("details");
    if (folded) folded.open = true;
    control.setAttribute("aria-invalid", "true");
    const picker = root.querySelector(`[data-picker-for="${CSS.escape(error.field)}"]`);
    if (picker) picker.setAttribute("aria-invalid", "true");
    const ids = (control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    control.setAttribute("aria-describedby", [...ids, slot.id].join(" "));
  }
}
