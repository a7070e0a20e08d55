/* termsite search: one of the web workers `search.js` searches the index in.
 *
 * Pagefind searches all its index parts one after another in its one worker;
 * `search.js` starts several of these, each running Pagefind's own worker
 * code (`<bundle>/pagefind-worker.js`) over some of the parts, so the parts
 * are searched at the same time. A worker opens its first part as Pagefind's
 * primary index, which fetches Pagefind's WebAssembly from beside that part;
 * only the bundle's first part carries it (the build drops the copies), so
 * that one request goes to the bundle's file, which every worker shares.
 * `?bundle=` is the bundle's path.
 */
(() => {
  "use strict";

  const bundle = new URL(new URL(self.location.href).searchParams.get("bundle"), self.location);
  const siteFetch = self.fetch.bind(self);
  const WASM = /\/(wasm\.[^/]+\.pagefind)$/;

  self.fetch = (input, init) => {
    const url = new URL(typeof input === "string" ? input : input.url, self.location.href);
    const wasm = WASM.exec(url.pathname);
    return siteFetch(wasm ? new URL(wasm[1], bundle) : input, init);
  };
  importScripts(new URL("pagefind-worker.js", bundle).href);
})();
