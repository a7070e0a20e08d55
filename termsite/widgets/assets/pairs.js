// termsite calculators: a matrix cell opens that pair's rolling correlation below the matrix.
//
// The cells of the correlation matrix form one keyboard stop (a roving tabindex):
// Tab reaches the grid, the arrow keys move between pairs, and focusing or
// clicking a cell draws the pair's rolling correlation with the same data,
// period and quote asset as the matrix, and its key figures, whose words that name an
// entry link to it as a headline's do. The chart has its own `data-state`.

import { buildChart, linkedText, widgetConcepts } from "./results.js";

// Which table links to which calculator, and the inputs that calculator shares.
const LINKS = Object.freeze({
  "correlation-matrix": {
    output: "matrix",
    calculator: "rolling-correlation",
    shared: ["csv", "returns", "period", "start", "end", "rebase"],
  },
});
const RANK_METHODS = new Set(["pearson", "spearman", "kendall"]);
const HINT = "Focus or click a cell to see that pair's rolling correlation below the table.";

// A window that fits the data: 60 rows, or a third of the rows for short samples.
function windowFor(rows) {
  if (!rows) return 60;
  return Math.max(5, Math.min(60, Math.floor(rows / 3)));
}

export class PairChart {
  // `run(calc, inputs)` resolves with the parsed reply; `inputs()` gives the matrix's inputs.
  constructor(root, calcId, run, inputs) {
    this.link = LINKS[calcId];
    this.root = root;
    this.run = run;
    this.inputs = inputs;
    this.rows = 0;
    this.shown = "";
    this.figure = null;
    this.queued = null;
    this.running = false;
    if (this.link) this.decorate();
  }

  output() {
    return this.root.querySelector(`[data-output="${this.link.output}"]`);
  }

  // Makes the matrix cells a keyboard grid; called again after each new result.
  decorate(rows = 0) {
    if (!this.link) return;
    if (rows) this.rows = rows;
    const output = this.output();
    const table = output && output.querySelector("table");
    if (!table) return;
    this.ensureFigure(output);
    const cells = this.cells(table);
    cells.forEach((td, index) => {
      td.tabIndex = index === 0 ? 0 : -1;
      td.setAttribute("aria-describedby", this.hintId);
    });
    if (table.dataset.pairs !== undefined) return;
    table.dataset.pairs = "";
    table.addEventListener("click", (event) => this.pick(event.target.closest("td[data-pair]")));
    table.addEventListener("focusin", (event) => this.pick(event.target.closest("td[data-pair]")));
    table.addEventListener("keydown", (event) => this.move(event, table));
  }

  // The off-diagonal value cells, each marked with its row and column.
  cells(table) {
    const found = [];
    Array.from(table.tBodies[0].rows).forEach((row, i) => {
      Array.from(row.cells)
        .slice(1)
        .forEach((td, j) => {
          if (i === j) return;
          td.dataset.pair = `${i},${j}`;
          found.push(td);
        });
    });
    return found;
  }

  ensureFigure(output) {
    if (this.figure && this.figure.isConnected) return;
    const id = `${this.root.dataset.calculator}-pair`;
    this.hintId = `${id}-hint`;
    const hint = document.createElement("p");
    hint.className = "tc-help";
    hint.id = this.hintId;
    hint.textContent = HINT;
    const figure = document.createElement("figure");
    figure.className = "tc-output tc-pair";
    figure.dataset.pairChart = "";
    figure.dataset.state = "idle";
    figure.hidden = true;
    const caption = document.createElement("figcaption");
    caption.className = "tc-pair-title";
    const chart = document.createElement("div");
    chart.className = "tc-chart";
    chart.dataset.pairSlot = "";
    const summary = document.createElement("p");
    summary.className = "tc-headline";
    summary.dataset.pairHeadline = "";
    summary.setAttribute("aria-live", "polite");
    figure.append(caption, chart, summary);
    output.after(hint, figure);
    this.figure = figure;
  }

  // A result replaced the matrix: the old pair chart no longer belongs to it.
  reset(rows) {
    this.shown = "";
    if (this.figure) {
      this.figure.hidden = true;
      this.figure.dataset.state = "idle";
    }
    this.decorate(rows);
  }

  // Arrow keys move along the grid, Home and End to the row's ends.
  move(event, table) {
    const td = event.target.closest("td[data-pair]");
    if (!td) return;
    const rows = Array.from(table.tBodies[0].rows);
    let [i, j] = td.dataset.pair.split(",").map(Number);
    const k = rows.length;
    const steps = { ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowDown: [1, 0], ArrowUp: [-1, 0] };
    if (event.key === "Home") j = i === 0 ? 1 : 0;
    else if (event.key === "End") j = i === k - 1 ? k - 2 : k - 1;
    else if (steps[event.key]) {
      const [di, dj] = steps[event.key];
      let [ni, nj] = [i + di, j + dj];
      if (ni === nj) [ni, nj] = [ni + di, nj + dj];
      if (ni < 0 || nj < 0 || ni >= k || nj >= k) return;
      [i, j] = [ni, nj];
    } else return;
    event.preventDefault();
    const next = rows[i].cells[j + 1];
    td.tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  }

  pick(td) {
    if (!td || !this.link) return;
    const table = td.closest("table");
    for (const cell of table.querySelectorAll('td[aria-current="true"]')) {
      cell.removeAttribute("aria-current");
    }
    td.setAttribute("aria-current", "true");
    const [i, j] = td.dataset.pair.split(",").map(Number);
    const x = table.tBodies[0].rows[i].cells[0].textContent;
    const y = table.tHead.rows[0].cells[j + 1].textContent;
    if (`${x}\n${y}` === this.shown && this.figure.dataset.state !== "error") return;
    this.queued = { x, y };
    if (!this.running) this.drain();
  }

  // Runs the newest pick; picks made meanwhile (arrowing across cells) replace each other.
  async drain() {
    this.running = true;
    while (this.queued) {
      const { x, y } = this.queued;
      this.queued = null;
      await this.draw(x, y);
    }
    this.running = false;
  }

  async draw(x, y) {
    const figure = this.figure;
    figure.hidden = false;
    figure.dataset.state = "running";
    figure.querySelector("figcaption").textContent = `Rolling correlation of ${x} and ${y}`;
    const summary = figure.querySelector("[data-pair-headline]");
    summary.textContent = "Computing…";
    try {
      const inputs = await this.pairInputs(x, y);
      const reply = await this.run(this.link.calculator, inputs);
      if (this.queued) return;
      if (!reply.ok) throw new Error(reply.error.message);
      const chart = reply.result.charts[0];
      const node = chart ? buildChart(chart.svg) : null;
      figure.querySelector("[data-pair-slot]").replaceChildren(...(node ? [node] : []));
      summary.replaceChildren();
      linkedText(summary, reply.result.headline, widgetConcepts(this.root, "pair"));
      figure.dataset.x = x;
      figure.dataset.y = y;
      figure.dataset.window = inputs.window;
      figure.dataset.method = inputs.method;
      this.shown = `${x}\n${y}`;
      figure.dataset.state = "ready";
    } catch (error) {
      figure.querySelector("[data-pair-slot]").replaceChildren();
      summary.textContent = error && error.message ? error.message : "The computation failed.";
      figure.dataset.state = "error";
    }
  }

  async pairInputs(x, y) {
    const matrix = await this.inputs();
    const inputs = { x, y, window: String(windowFor(this.rows)) };
    for (const name of this.link.shared) if (name in matrix) inputs[name] = matrix[name];
    inputs.method = RANK_METHODS.has(matrix.method) ? matrix.method : "pearson";
    return inputs;
  }
}
