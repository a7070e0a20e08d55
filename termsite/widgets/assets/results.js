// termsite calculators: a result from the worker, drawn into the widget's outputs,
// and a result table written out as CSV.
//
// Reader data is only ever written with textContent; SVG comes from our own
// Python and is parsed as SVG, with scripts and foreign objects removed. Words of a
// caption, a header or the headline that name a glossary entry link to it with its hover
// card, as the build's tables and headline do (see `linkedText`).

// Replaces every [data-output] slot with the browser's table or chart (or hides it).
export function renderResult(root, result) {
  const tables = new Map((result.tables || []).map((table) => [table.name, table]));
  const charts = new Map((result.charts || []).map((chart) => [chart.name, chart]));
  for (const output of root.querySelectorAll("[data-output]")) {
    const name = output.dataset.output;
    const slot = output.querySelector("[data-slot]");
    const label = output.dataset.label || name;
    const node = tables.has(name)
      ? buildTable(tables.get(name), label, conceptLinks(output))
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
    headline.replaceChildren();
    linkedText(headline, result.headline || "", widgetConcepts(root, "headline"));
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

// ------------------------------------------------------------ concept links

// The concepts an output's spec names, as the build left them in its <template>: a link
// to the entry, carrying the card the build wrote into the page, or, for an entry the
// site lacks, a placeholder without href that stays plain text.
function conceptLinks(output) {
  return templateLinks(output.querySelector("template[data-concepts]"));
}

// The concepts of a line the widget draws outside any table: its `headline`, or the key
// figures of a `pair` chart (the build wrote the pair calculator's headline concepts).
export function widgetConcepts(root, name) {
  return templateLinks(root.querySelector(`template[data-concepts="${name}"]`));
}

function templateLinks(template) {
  const links = template ? template.content.querySelectorAll("a[data-concept]") : [];
  return { links: Array.from(links), done: new Set() };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

// Where `words` first stand as whole words in `text`, clear of the spans taken; or -1.
function firstAt(text, words, taken) {
  let start = text.indexOf(words);
  while (start >= 0) {
    const end = start + words.length;
    const free = taken.every(([a, b]) => end <= a || start >= b);
    const edges = `${text[start - 1] || " "}${text[end] || " "}`;
    if (free && !WORD_CHAR.test(edges[0]) && !WORD_CHAR.test(edges[1])) return start;
    start = text.indexOf(words, start + 1);
  }
  return -1;
}

// `text` into `parent`, each concept linked at its first place in the table (the caption,
// then the headers in reading order) or the line: the rule of termsite/widgets/concepts.py.
export function linkedText(parent, text, concepts) {
  const found = [];
  for (const link of concepts.links) {
    const slug = link.dataset.concept;
    const start = concepts.done.has(slug) ? -1 : firstAt(text, link.textContent, found);
    if (start < 0) continue;
    found.push([start, start + link.textContent.length, link]);
    concepts.done.add(slug);
  }
  found.sort((a, b) => a[0] - b[0]);
  let position = 0;
  for (const [start, end, link] of found) {
    if (start > position) parent.append(text.slice(position, start));
    if (link.hasAttribute("href")) {
      const copy = document.importNode(link, false);
      copy.textContent = text.slice(start, end);
      parent.append(copy);
    } else {
      parent.append(text.slice(start, end));
    }
    position = end;
  }
  if (position < text.length) parent.append(text.slice(position));
}

function headerCell(row, text, scope, concepts) {
  const cell = document.createElement("th");
  cell.scope = scope;
  linkedText(cell, text, concepts);
  row.append(cell);
}

// The shape of `data` is declared in calculators/results.py (Table, Row, Cell).
function buildTable(data, label, concepts) {
  const table = document.createElement("table");
  table.className = "tc-table";
  linkedText(table.createCaption(), data.caption || label, concepts);
  const head = table.createTHead().insertRow();
  headerCell(head, data.row_header || "", "col", concepts);
  for (const column of data.columns) headerCell(head, column, "col", concepts);
  const body = table.createTBody();
  for (const row of data.rows) {
    const line = body.insertRow();
    headerCell(line, row.label, "row", concepts);
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
