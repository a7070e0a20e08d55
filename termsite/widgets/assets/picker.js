// termsite calculators: pickers built from the CSV the reader gave, so columns, the
// quote asset and the period are chosen without editing the text.
//
// The form's own text inputs stay the single source of what is computed and
// shared: `columns` fields (comma-separated names) get a set of checkboxes,
// `column` fields (one name) a select, and both only write into those inputs.
// The pickers' own controls have no `name`, so they are never sent.

// The delimiter the calculators detect: the most frequent of , ; tab outside quotes.
function detectDelimiter(line) {
  let quoted = false;
  const counts = { ",": 0, ";": 0, "\t": 0 };
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char in counts) counts[char] += 1;
  }
  const best = [",", ";", "\t"].reduce((a, b) => (counts[b] > counts[a] ? b : a));
  return counts[best] > 0 ? best : ",";
}

function splitLine(line, delimiter) {
  const cells = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (char === '"' && quoted && line[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (char === delimiter && !quoted) {
      cells.push(cell.trim());
      cell = "";
    } else {
      cell += char;
    }
  }
  cells.push(cell.trim());
  return cells;
}

// The first and last non-blank lines, found without splitting a large text.
function edgeLines(text) {
  const body = text.replace(/^\ufeff/, "");
  const lines = [];
  let start = 0;
  while (start < body.length && lines.length < 2) {
    let end = body.indexOf("\n", start);
    if (end < 0) end = body.length;
    const line = body.slice(start, end).replace(/\r$/, "");
    if (line.trim() !== "") lines.push(line);
    start = end + 1;
  }
  let end = body.length;
  let last = "";
  while (end > 0 && last.trim() === "") {
    const start = body.lastIndexOf("\n", end - 1) + 1;
    last = body.slice(start, end).replace(/\r$/, "");
    end = start - 1;
  }
  return { header: lines[0] || "", first: lines[1] || "", last };
}

// What the pickers need from a CSV: its asset names and its first and last dates.
export function csvOutline(text) {
  const { header, first, last } = edgeLines(text || "");
  if (!header) return null;
  const delimiter = detectDelimiter(header);
  const names = splitLine(header, delimiter).slice(1).filter((name) => name !== "");
  const day = (line) => {
    const label = line ? splitLine(line, delimiter)[0].slice(0, 10) : "";
    return /^\d{4}-\d{2}-\d{2}$/.test(label) ? label : "";
  };
  return { names, firstDate: day(first), lastDate: day(last) };
}

function chosenNames(input) {
  return input.value
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
}

// Checkboxes for a `columns` field; all ticked means the field is blank (every column).
function columnsPicker(input, names) {
  const field = input.closest("[data-field]");
  let set = field.querySelector("fieldset[data-picker-for]");
  if (!set) {
    set = document.createElement("fieldset");
    set.className = "tc-picker";
    set.dataset.pickerFor = input.name;
    const legend = document.createElement("legend");
    legend.textContent = field.querySelector("label").textContent;
    set.append(legend);
    set.setAttribute("aria-describedby", input.getAttribute("aria-describedby") || "");
    set.addEventListener("change", () => {
      const boxes = Array.from(set.querySelectorAll("input[type=checkbox]"));
      const ticked = boxes.filter((box) => box.checked).map((box) => box.value);
      input.value = ticked.length === boxes.length ? "" : ticked.join(",");
    });
    input.after(set);
  }
  const chosen = new Set(chosenNames(input));
  const everyName = chosen.size === 0;
  const boxes = names.map((name, index) => {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.value = name;
    box.id = `${input.id}-${index}`;
    box.checked = everyName || chosen.has(name);
    label.append(box, document.createTextNode(` ${name}`));
    return label;
  });
  set.replaceChildren(set.querySelector("legend"), ...boxes);
  input.hidden = true;
  field.querySelector(`label[for="${input.id}"]`).hidden = true;
}

// A select for a `column` field; its first option keeps the field blank.
function columnPicker(input, names) {
  const field = input.closest("[data-field]");
  let select = field.querySelector("select[data-picker-for]");
  if (!select) {
    select = document.createElement("select");
    select.id = `${input.id}-pick`;
    select.dataset.pickerFor = input.name;
    select.setAttribute("aria-describedby", input.getAttribute("aria-describedby") || "");
    select.addEventListener("change", () => {
      input.value = select.value;
    });
    input.after(select);
    field.querySelector(`label[for="${input.id}"]`).htmlFor = select.id;
  }
  const current = input.value.trim();
  const options = ["", ...names, ...(current && !names.includes(current) ? [current] : [])];
  select.replaceChildren(
    ...options.map((name) => {
      const option = document.createElement("option");
      option.value = name;
      option.textContent = name === "" ? "—" : name;
      return option;
    }),
  );
  select.value = current;
  input.hidden = true;
}

// Rebuilds every picker of `form` from its CSV box (nothing happens before a CSV is there).
export function refreshPickers(form) {
  const csv = form.querySelector('textarea[data-kind="csv"]');
  const outline = csv ? csvOutline(csv.value) : null;
  if (!outline || outline.names.length === 0) return;
  for (const input of form.querySelectorAll('input[data-kind="columns"]')) {
    columnsPicker(input, outline.names);
  }
  for (const input of form.querySelectorAll('input[data-kind="column"]')) {
    columnPicker(input, outline.names);
  }
  for (const input of form.querySelectorAll("input[type=date]")) {
    input.min = outline.firstDate;
    input.max = outline.lastDate;
  }
  showPeriodDates(form);
}

// The two date fields matter only for "between two dates": hide them otherwise.
export function showPeriodDates(form) {
  const period = form.elements.namedItem("period");
  if (!period) return;
  for (const name of ["start", "end"]) {
    const field = form.querySelector(`[data-field="${name}"]`);
    if (field) field.hidden = period.value !== "dates";
  }
}
