// Run batches of Python snippets inside the pinned npm Pyodide under Node, offline.
//
//   node scripts/pyodide_run.mjs < request.json > response.json
//
// Request:  {"cases": [{"name": "...", "code": "..."}], "repeat": 1}
//           Each snippet runs in a fresh namespace with the repo's `calculators`
//           package importable; it must assign a JSON-able value to `output`.
// Response: {"python": "3.14.x", "startup_seconds": s,
//            "results": {"<name>": {"ok": true, "output": ..., "seconds": [...]}
//                        | {"ok": false, "error": "sentence"}}}
//
// Pyodide starts once per process (about 2.4 s cold), so callers send one batch.
// The `calculators` package is copied file by file from the repository into the
// Pyodide file system: the same bytes the CPython tests import.

import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const indexURL = path.join(root, "node_modules", "pyodide") + path.sep;
const SITE = "/home/pyodide/repo";

const HARNESS = `
import json, sys, time
sys.path.insert(0, ${JSON.stringify(SITE)})

def _run_case(code, repeat):
    """Run one snippet \`repeat\` times; return its output and each run's seconds."""
    seconds = []
    output = None
    for _ in range(repeat):
        namespace = {}
        start = time.perf_counter()
        exec(code, namespace)
        seconds.append(time.perf_counter() - start)
        output = namespace.get("output")
    return json.dumps({"ok": True, "output": output, "seconds": seconds}, allow_nan=False)
`;

function copyTree(pyodide, source, target) {
  pyodide.FS.mkdirTree(target);
  for (const name of readdirSync(source).sort()) {
    if (name === "__pycache__") continue;
    const from = path.join(source, name);
    const to = `${target}/${name}`;
    if (statSync(from).isDirectory()) copyTree(pyodide, from, to);
    else if (/\.(py|csv|json|txt)$/.test(name)) pyodide.FS.writeFile(to, readFileSync(from));
  }
}

async function main() {
  const request = JSON.parse(readFileSync(0, "utf8"));
  const started = performance.now();
  const { loadPyodide } = await import(path.join(indexURL, "pyodide.mjs"));
  const pyodide = await loadPyodide({ indexURL, stdout: () => {}, stderr: () => {} });
  copyTree(pyodide, path.join(root, "calculators"), `${SITE}/calculators`);
  pyodide.runPython(HARNESS);
  const startup = (performance.now() - started) / 1000;
  const runCase = pyodide.globals.get("_run_case");
  const results = {};
  for (const item of request.cases) {
    try {
      results[item.name] = JSON.parse(runCase(item.code, request.repeat ?? 1));
    } catch (error) {
      const last = String(error.message ?? error).trim().split("\n").pop();
      results[item.name] = { ok: false, error: `The snippet failed in Pyodide: ${last}` };
    }
  }
  const python = pyodide.runPython("import sys; sys.version.split()[0]");
  process.stdout.write(JSON.stringify({ python, startup_seconds: startup, results }));
}

main().catch((error) => {
  process.stderr.write(`Pyodide could not run: ${error.message ?? error}\n`);
  process.exit(1);
});
