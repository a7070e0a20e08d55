// termsite: a Pyodide memory snapshot of the calculators, made in Node at site-build time.
//
//   node make_snapshot.mjs <pyodide folder> <wheel file> <build key> <output file>
//
// Boots the pinned Pyodide with `_makeSnapshot`, unpacks the calculators wheel,
// imports `calculators.api` and every module of the package (files are not in a
// snapshot, only memory), and writes `pyodide.makeMemorySnapshot()`. The browser
// restores it with `loadPyodide({_loadSnapshot})` instead of booting Python and
// importing the calculators. Prints one JSON line: {bytes, heap, limit, used}.
//
// Two runs give the same bytes only when every source of variation is pinned
// while the snapshot is made: the random sources, the clocks, the time zone (the
// caller sets TZ=UTC) and sys.executable. The restore heap is the wasm module's
// initial memory: a bigger heap cannot be restored, so that fails here, clearly.

import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, wheelPath, buildKey, outPath] = process.argv.slice(2);
const EPOCH_MS = Date.UTC(2000, 0, 1);
const SYS_EXECUTABLE = "python";
const WASM_PAGE = 65536;

// ------------------------------------------------------------ determinism

// A fixed-seed xorshift stream instead of the system's entropy: the hash seed and
// `random`'s start state become constants (the browser reseeds `random`).
function pinRandomness() {
  let state = 0x9e3779b9;
  const fill = (view) => {
    const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    for (let i = 0; i < bytes.length; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      bytes[i] = state & 0xff;
    }
    return view;
  };
  crypto.randomFillSync = (view) => fill(view);
  crypto.webcrypto.getRandomValues = (view) => fill(view);
  Object.defineProperty(globalThis.crypto, "getRandomValues", { value: (view) => fill(view) });
}

// Clocks that start at a fixed instant and advance one millisecond per reading.
function pinClocks() {
  let ticks = 0;
  Date.now = () => EPOCH_MS + ticks++;
  performance.now = () => ticks++;
}

// ------------------------------------------------------------ the restore limit

// The initial memory of pyodide.asm.wasm, read from its memory section: a restore
// copies the snapshot's heap into a fresh instance of exactly this size.
function initialMemoryBytes(wasm) {
  let offset = 8;
  const leb = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = wasm[offset++];
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (byte < 0x80) return result;
    }
  };
  while (offset < wasm.length) {
    const id = wasm[offset++];
    const size = leb();
    if (id === 5) {
      leb(); // number of memories
      leb(); // limits flags
      return leb() * WASM_PAGE;
    }
    offset += size;
  }
  throw new Error("pyodide.asm.wasm declares no memory");
}

// ------------------------------------------------------------ the snapshot

const IMPORT_EVERYTHING = `
import gc, importlib, pkgutil, sys
sys.dont_write_bytecode = True
import calculators, calculators.api
for info in sorted(pkgutil.walk_packages(calculators.__path__, "calculators."), key=lambda i: i.name):
    if not info.name.endswith("__main__"):
        importlib.import_module(info.name)
import __main__
__main__._termsite_build = BUILD_KEY
del gc, importlib, pkgutil, info
`;

async function main() {
  pinRandomness();
  pinClocks();
  const indexURL = pyodideDir.endsWith(path.sep) ? pyodideDir : pyodideDir + path.sep;
  const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({
    indexURL,
    _makeSnapshot: true,
    _sysExecutable: SYS_EXECUTABLE,
    env: { HOME: "/home/pyodide", TZ: "UTC" },
    stdout: () => {},
    stderr: () => {},
  });
  const sitePackages = pyodide.runPython(
    "next(p for p in __import__('sys').path if p.endswith('site-packages'))",
  );
  pyodide.unpackArchive(new Uint8Array(fs.readFileSync(wheelPath)), "wheel", { extractDir: sitePackages });
  pyodide.globals.set("BUILD_KEY", buildKey);
  pyodide.runPython(IMPORT_EVERYTHING);
  pyodide.runPython("del BUILD_KEY; import gc; gc.collect(); del gc");
  const heap = pyodide._module.HEAP8.length;
  const limit = initialMemoryBytes(fs.readFileSync(path.join(pyodideDir, "pyodide.asm.wasm")));
  if (heap > limit) {
    const mib = (n) => (n / 2 ** 20).toFixed(1);
    fail(
      `the calculators need a ${mib(heap)} MiB Python heap after import, but a snapshot ` +
        `restores into at most ${mib(limit)} MiB; make the import of calculators/ lighter`,
    );
  }
  const used = pyodide._module._sbrk(0) >>> 0;
  const snapshot = pyodide.makeMemorySnapshot();
  fs.writeFileSync(outPath, snapshot);
  process.stdout.write(JSON.stringify({ bytes: snapshot.length, heap, limit, used }) + "\n");
}

function fail(message) {
  process.stderr.write(message + "\n");
  process.exit(1);
}

main().catch((error) => fail(String(error && error.message ? error.message : error).split("\n")[0]));
