// termsite calculators: a result from the worker, drawn into the widget's outputs,
// and a result table written out as CSV.
//
// Reader data is only ever written with textContent; SVG comes from our own
// Python and is parsed as SVG, with scripts and foreign objects removed.

// Replaces every [data-output] slot with the browser's table or chart (or hides it).
export function renderResult(root, result) {
  const tables = new Map((result.tables || []).map((table) => [table.name, table]));
  const charts = new Map((result.charts || []).map((chart) => [chart.name, chart]));
  for (const output of root.querySelectorAll("[data-output]")) {
    const name = output.dataset.output;
    const slot = output.querySelector("[data-slot]");
    const label = output.dataset.label || name;
    const node = tables.has(name)
      ? buildTable(tables.get(name), label)
      : charts.has(name)
        ? buildChart(charts.get(name).svg)
        : null;
    slot.replaceChildren(...(node ? [node] : []));
    output.hidden = !node;
    output.dataset.source = "browser";
    const button = output.querySelector('[data-action="download"]');
    if (button) button.hidden = !tables.has(name);
  }
  const headline = root.querySelector("[data-headline]");
  if (headline) {
    headline.textContent = result.headline || "";
    headline.hidden = !result.headline;
  }
  renderWarnings(root, result.warnings || []);
}

// Download buttons show only where the build already put a table.
export function showDownloadButtons(root) {
  for (const output of root.querySelectorAll("[data-output]")) {
    const button = output.querySelector('[data-action="download"]');
    if (button) button.hidden = !output.querySelector("table");
  }
}

function renderWarnings(root, warnings) {
  const list = root.querySelector("[data-warnings]");
  list.replaceChildren(
    ...warnings.map((text) => {
      const item = document.createElement("li");
      item.textContent = text;
      return item;
    }),
  );
  list.hidden = warnings.length === 0;
}

function dataValue(value) {
  if (value === null || value === undefined) return "";
  return typeof value === "number" || typeof value === "boolean" ? String(value) : value;
}

function headerCell(row, text, scope) {
  const cell = document.createElement("th");
  cell.scope = scope;
  cell.textContent = text;
  row.append(cell);
}

// The shape of `data` is declared in calculators/results.py (Table, Row, Cell).
function buildTable(data, label) {
  const table = document.createElement("table");
  table.className = "tc-table";
  table.createCaption().textContent = data.caption || label;
  const head = table.createTHead().insertRow();
  headerCell(head, data.row_header || "", "col");
  for (const column of data.columns) headerCell(head, column, "col");
  const body = table.createTBody();
  for (const row of data.rows) {
    const line = body.insertRow();
    headerCell(line, row.label, "row");
    for (const cell of row.cells) {
      const td = document.createElement("td");
      td.dataset.value = dataValue(cell.value);
      td.textContent = cell.text;
      // The heatmap's colour band, painted by the stylesheet's generated tc-shade-N rules.
      if (Number.isInteger(cell.shade)) td.className = `tc-shade-${cell.shade}`;
      line.append(td);
    }
  }
  return table;
}

// Our own SVG text, parsed as SVG (never as HTML), without scripts or foreign objects.
export function buildChart(svgText) {
  const parsed = new DOMParser().parseFromString(svgText, "image/svg+xml");
  const svg = parsed.documentElement;
  if (parsed.querySelector("parsererror") || svg.localName !== "svg") return null;
  for (const script of svg.querySelectorAll("script, foreignObject")) script.remove();
  return document.importNode(svg, true);
}

// ---------------------------------------------------------------- CSV download

// A text cell starting with = + - @ (or a tab or carriage return) could run as a
// spreadsheet formula, so it gets a leading apostrophe. Numbers we computed
// ourselves are written as numbers: "-0.25" is a value, not a formula.
export function neutralise(text, isNumber = false) {
  if (isNumber) return text;
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvField(text) {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function tableToCsv(table) {
  const lines = [];
  for (const row of table.rows) {
    const fields = Array.from(row.cells, (cell) => {
      const hasValue = cell.tagName === "TD" && cell.dataset.value !== "";
      const text = hasValue ? cell.dataset.value : cell.textContent.trim();
      const isNumber = hasValue && cell.dataset.value.trim() !== "" && isFinite(Number(text));
      return csvField(neutralise(text, isNumber));
    });
    lines.push(fields.join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

// Saves the output's table as `<calculator>-<output>.csv`.
export function downloadTable(calcId, output) {
  const table = output && output.querySelector("table");
  if (table) download(`${calcId}-${output.dataset.output}.csv`, tableToCsv(table));
}

export function download(filename, text) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
