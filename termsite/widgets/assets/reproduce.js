// termsite calculators: "Reproduce in a terminal": the `termsite calc` command that
// computes what the page computes for the form's current inputs, and its Copy button.
//
// The Copy button is the site's copy.js (`button[data-copy]`), which works under the
// strict CSP; this module only sets it back to idle when the command changes.
//
// The command text follows `calculators.cli.command_line` word for word (a test runs
// both on the same inputs): defaults are left out, words are quoted as Python's
// `shlex.quote` does, and a CSV travels in a here-document unless it is the example,
// a file the reader chose, or too long to paste, when the command reads a file.

import { SITE_ROOT } from "./site.js";

export const PROGRAM = "termsite calc";
// A pasted CSV longer than this is saved as a file rather than pasted into a terminal.
export const HEREDOC_LIMIT = 20000;
const PASTED_FILE = "prices.csv";
const SAFE_WORD = /^[\w@%+=:,./-]+$/; // shlex.quote's safe characters (\w is ASCII here)
// Python's str.strip() whitespace, which the calculators apply (JS trim() differs).
const PY_SPACE = "[\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const EDGE_SPACE = new RegExp(`^${PY_SPACE}+|${PY_SPACE}+$`, "g");

// One word for a POSIX shell, exactly as Python's shlex.quote writes it.
export function shellQuote(word) {
  if (word === "") return "''";
  if (SAFE_WORD.test(word)) return word;
  return `'${word.replaceAll("'", `'"'"'`)}'`;
}

function strip(text) {
  return text.replace(EDGE_SPACE, "");
}

function flagOf(name) {
  return `--${name.replaceAll("_", "-")}`;
}

// `--name VALUE` for a value that differs from its default (blank means the default).
function optionWords([name, kind, fallback], value, trueWords) {
  const flag = flagOf(name);
  if (strip(value) === "") return [];
  if (kind === "boolean") {
    const on = trueWords.includes(strip(value).toLowerCase());
    if (on === trueWords.includes(strip(fallback).toLowerCase())) return [];
    return on ? [flag] : [flag, "false"];
  }
  if (strip(value) === strip(fallback)) return [];
  // argparse would take a value starting with "-" for an option: join it to its flag.
  return value.startsWith("-") ? [shellQuote(`${flag}=${value}`)] : [flag, shellQuote(value)];
}

function* closingWords() {
  yield "CSV";
  yield "CSV_END";
  for (let n = 2; ; n += 1) yield `CSV_END_${n}`;
}

// `<<'CSV'`, the text and a closing line no line of the text equals.
export function hereDocument(text) {
  const lines = new Set(text.split("\n"));
  let word = "";
  for (word of closingWords()) if (!lines.has(word)) break;
  const body = text.endsWith("\n") ? text.slice(0, -1) : text;
  return `<<'${word}'\n${body}\n${word}`;
}

// The command for `values`; `fields` are [name, kind, default] in the spec's order and
// `files` maps a CSV input to the file it is read from (any other CSV goes on stdin).
export function commandLine(calcId, fields, values, files, trueWords) {
  const words = [PROGRAM, calcId];
  let stdin = null;
  for (const field of fields) {
    const [name, kind] = field;
    const value = values[name] ?? "";
    if (kind === "csv" && Object.hasOwn(files, name)) {
      words.push(flagOf(name), shellQuote(files[name]));
    } else if (kind === "csv" && strip(value) !== "" && stdin === null) {
      words.push(flagOf(name), "-");
      stdin = value;
    } else if (kind !== "csv") {
      words.push(...optionWords(field, value, trueWords));
    }
  }
  const line = words.join(" ");
  return stdin === null ? line : `${line} ${hereDocument(stdin)}`;
}

function baseName(path) {
  return path.slice(path.lastIndexOf("/") + 1);
}

// One widget's block: it rewrites the command whenever the widget hands it the inputs.
export class Reproduce {
  constructor(root, example, loadedExample) {
    this.block = root.querySelector("[data-reproduce]");
    this.calcId = root.dataset.calculator;
    this.fields = JSON.parse(this.block.dataset.inputs);
    this.trueWords = (root.dataset.trueWords || "").split(" ");
    this.example = example;
    this.loadedExample = loadedExample;
    this.code = this.block.querySelector("[data-reproduce-command]");
    this.hint = this.block.querySelector("[data-reproduce-hint]");
    this.status = this.block.querySelector("[data-reproduce-status]");
    this.copyButton = this.block.querySelector("button[data-copy]");
    this.saveButton = this.block.querySelector('[data-action="save-csv"]');
    this.chosen = new Map(); // CSV input -> { name, text } of the file the reader chose
    this.toSave = null;
    this.saveButton.hidden = true;
  }

  // The reader read `fileName` into the box of input `name`: the command names that file
  // for as long as the box holds its text.
  noteFile(name, fileName, text) {
    this.chosen.set(name, { name: fileName, text });
  }

  // Where each CSV comes from: a file name, or nothing for a here-document.
  csvSource(name, value) {
    const examplePath = this.example[name];
    const isExample =
      examplePath && (value.trim() === "" || value === this.loadedExample(examplePath));
    if (isExample) return { file: baseName(examplePath), url: new URL(examplePath, SITE_ROOT) };
    const chosen = this.chosen.get(name);
    if (chosen && chosen.text === value) return { file: chosen.name, chosen: true };
    if (value.length > HEREDOC_LIMIT) return { file: PASTED_FILE, text: value };
    return null;
  }

  update(values) {
    const files = {};
    const notes = [];
    this.toSave = null;
    for (const [name, kind] of this.fields) {
      const source = kind === "csv" ? this.csvSource(name, values[name] ?? "") : null;
      if (!source) continue;
      files[name] = source.file;
      notes.push(...this.note(source));
      if (source.text !== undefined) this.toSave = source;
    }
    notes.push("Add ", code("--json"), " to get the result as data.");
    this.hint.replaceChildren(...notes);
    this.saveButton.hidden = this.toSave === null;
    if (this.toSave) this.saveButton.textContent = `Save ${this.toSave.file}`;
    const command = commandLine(this.calcId, this.fields, values, files, this.trueWords);
    if (command !== this.code.textContent) {
      this.code.textContent = command;
      this.copyButton.dataset.state = "idle";
      this.status.textContent = "";
    }
  }

  note(source) {
    if (source.url) {
      const link = document.createElement("a");
      link.href = source.url.href;
      link.download = source.file;
      link.textContent = source.file;
      return ["Save the example data as ", link, " in the folder you run it from. "];
    }
    if (source.chosen) return ["Run it in the folder that holds ", code(source.file), ". "];
    return [
      "The CSV is too long to paste into a terminal: save it as ",
      code(source.file),
      " in the folder you run it from. ",
    ];
  }

  // The long CSV in the box, saved under the name the command reads.
  save(download) {
    if (this.toSave) download(this.toSave.file, this.toSave.text);
  }
}

function code(text) {
  const element = document.createElement("code");
  element.textContent = text;
  return element;
}
