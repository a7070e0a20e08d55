/* termsite search: Material's search box and result list, answered by Pagefind.
 *
 * Nothing of the index is fetched until the reader uses the box (focus, a
 * keyboard shortcut, or a `?q=` link), and then only Pagefind's entry file,
 * its WASM, each index part's metadata and the chunks a query needs, and the
 * fragments of the results shown. The entries a query names show first, from the
 * build's names index (`search-names/`), while Pagefind is still searching. The
 * root element's `data-state` says where it is: idle, loading, ready (Pagefind's
 * results are listed too) or error (browser tests wait on it);
 * `data-engine="ready"` once Pagefind itself has loaded; the result list's
 * `data-query` names the query its results answer.
 */
(() => {
  "use strict";

  const PAGE_SIZE = 10;
  /* Pagefind adds a boost to a page whose meta words match the query. An entry's other
     names (synonyms, old slugs read as words) weigh as much as its title, and both
     weigh three times Pagefind's default for titles (5): most words of this glossary
     are on most pages, so the body alone ranks a name poorly. Kind and area are
     filed under, not searched for. */
  const RANKING = { metaWeights: { title: 15, names: 15, kind: 0, area: 0 } };
  const root = document.querySelector("[data-termsite-search]");
  if (!root) return;
  const input = root.querySelector("[data-termsite-search-query]");
  const meta = root.querySelector("[data-termsite-search-meta]");
  const list = root.querySelector("[data-termsite-search-results]");
  const filterBox = root.querySelector("[data-termsite-search-filters]");
  const chosen = {};
  let filtersShown = false;
  const scroller = root.querySelector(".md-search__scrollwrap");
  const toggle = document.getElementById("__search");
  const config = readConfig();
  const siteRoot = new URL(config.base || ".", location.href);
  let engine = null;
  let current = { query: "", rest: [], first: 0, shown: new Set() };

  function readConfig() {
    const script = document.getElementById("__config");
    try {
      return script ? JSON.parse(script.textContent) : {};
    } catch (error) {
      return {};
    }
  }

  function translate(key, fallback) {
    const words = (config.translations || {})[key];
    return typeof words === "string" ? words : fallback;
  }

  function setState(state) {
    root.dataset.state = state;
  }

  /* Pagefind over every part of the index (`pagefind/parts.json`): one index's search
     time grows with the square of the pages a query matches, so the build splits it.
     Pagefind searches the parts it merges one after another in its one web worker, and
     at 10,000 entries that was most of the time from typing to results; so the parts
     are shared out among a few workers (`search-worker.js`), searched at the same time,
     and their results merged as Pagefind merges its own. */
  function loadEngine() {
    if (!engine) {
      setState("loading");
      const bundle = new URL("pagefind/", siteRoot);
      engine = fetch(new URL("parts.json", bundle))
        .then((response) => (response.ok ? response.json() : { parts: [] }))
        .catch(() => ({ parts: [] }))
        .then((listed) => openParts(bundle, ["", ...(listed.parts || [])]));
      engine.then(() => (root.dataset.engine = "ready")).catch(() => showError());
    }
    return engine;
  }

  /* As many workers as the reader's machine has cores, but no more than parts. Each
     worker takes a run of consecutive parts, so that results of equal score keep the
     order Pagefind gives them when it merges all the parts in one worker. */
  async function openParts(bundle, names) {
    const cores = navigator.hardwareConcurrency || 2;
    const count = Math.max(1, Math.min(names.length, cores));
    const size = Math.ceil(names.length / count);
    const runs = [];
    for (let at = 0; at < names.length; at += size) runs.push(names.slice(at, at + size));
    const paths = (run) => run.map((name) => new URL(name, bundle).pathname);
    const workers = await Promise.all(runs.map((run) => openWorker(bundle, paths(run))));
    return {
      preload: (query) => Promise.all(workers.map((worker) => worker.send("preload", [query]))),
      search: async (query) => {
        const answers = await Promise.all(workers.map((worker) => worker.search(query)));
        const results = answers.flatMap((answer) => answer.results);
        return { results: results.sort((a, b) => b.score - a.score) };
      },
    };
  }

  /* One Pagefind worker, spoken to as Pagefind's own `pagefind.js` speaks to it (the
     pinned Pagefind 1.5.2): `{id, instanceId, method, args}` in, `{id, result}` or
     `{id, error}` back; a result's fragment is fetched by its `data` id, and released
     once the result is garbage. Resolves once every part it holds has loaded. */
  async function openWorker(bundle, paths) {
    const script = new URL("assets/termsite/search/search-worker.js", siteRoot);
    script.searchParams.set("bundle", bundle.pathname);
    const worker = new Worker(script);
    const pending = new Map();
    let sent = 0;
    let failure = null;
    worker.addEventListener("message", ({ data }) => {
      const waiting = pending.get(data.id);
      if (!waiting) return;
      pending.delete(data.id);
      if (data.error) waiting.reject(new Error(data.error));
      else waiting.resolve(data.result);
    });
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      failure = new Error("The search worker could not start.");
      for (const waiting of pending.values()) waiting.reject(failure);
      pending.clear();
    });
    const send = (method, args) =>
      new Promise((resolve, reject) => {
        if (failure) return reject(failure);
        const id = sent++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, instanceId: "termsite", method, args });
      });
    const released = new FinalizationRegistry((id) => send("releaseData", [id]).catch(() => {}));
    const language = (document.documentElement.lang || "unknown").toLowerCase();
    const settings = { baseUrl: siteRoot.pathname, excerptLength: 24, ranking: RANKING, language };
    const [first, ...rest] = paths;
    await send("init", [{ ...settings, basePath: first }]);
    await Promise.all(rest.map((path) => send("mergeIndex", [path, settings])));
    await send("preload", [""]); // answers once the first part has loaded, or fails
    const search = async (query) => {
      const found = await send("search", [query, {}]);
      for (const result of found.results) {
        const id = result.data;
        released.register(result, id);
        result.data = () => send("getData", [id]);
      }
      return found;
    };
    return { send, search };
  }

  function showError() {
    setState("error");
    meta.textContent = "Search is not available: its index could not be loaded.";
  }

  function open() {
    if (toggle && !toggle.checked) toggle.checked = true;
    loadEngine();
  }

  function close() {
    if (toggle) toggle.checked = false;
    input.blur();
  }

  function countText(count) {
    if (count === 0) return translate("search.result.none", "No matching documents");
    if (count === 1) return translate("search.result.one", "1 matching document");
    return translate("search.result.other", "# matching documents").replace("#", String(count));
  }

  /* Typing to results: no debounce. Each keystroke asks Pagefind to fetch the index
     chunks its query needs at once; one search runs at a time, and when it ends the
     newest query runs next (the ones typed meanwhile are skipped). A query whose last
     word is one letter waits for a pause in typing: Pagefind extends every word to all
     the words it begins, so "vega s" is a search for a dozen words, the slowest kind,
     and most often the next key is already on its way. */
  const PARTIAL_WORD_PAUSE_MS = 250;
  let running = null;
  let wanted = null;
  let paused = 0;

  function search(query) {
    clearTimeout(paused);
    if (/(^|\s)\S$/.test(query)) {
      wanted = null;
      paused = setTimeout(() => startSearch(query), PARTIAL_WORD_PAUSE_MS);
      return Promise.resolve();
    }
    return startSearch(query);
  }

  function startSearch(query) {
    const ask = { query };
    wanted = latest = ask;
    loadEngine().then((pagefind) => pagefind.preload(query)).catch(() => {});
    showNamed(ask).catch(() => {}); // without the names index, Pagefind's results alone
    if (!running) running = runSearches().finally(() => (running = null));
    return running;
  }

  async function runSearches() {
    const pagefind = await loadEngine();
    while (wanted !== null) {
      const ask = wanted;
      wanted = null;
      const found = await pagefind.search(ask.query);
      if (wanted !== null || input.value.trim() !== ask.query) continue; // superseded
      const { order, first } = listingOrder(found.results, ask.query);
      const shown = pinned.ask === ask ? pinned.urls : new Set();
      current = { ask, query: ask.query, rest: order, first, shown };
      if (shown.size === 0) list.replaceChildren();
      list.dataset.query = ask.query;
      meta.textContent = countText(found.results.length);
      showMore(PAGE_SIZE - shown.size).catch(() => showError());
    }
  }

  /* The names index: the build files each entry's title and other names by their first
     two letters as `folded` leaves them, in a gzipped JSON file named by those letters'
     UTF-8 bytes in hex. The entries that rank first by name (`nameTier`) are listed from
     it at once, best first and then by title, while Pagefind searches the text; Pagefind's
     results are listed under them, without them. A query of one letter waits for
     Pagefind. */
  const namesRoot = new URL("search-names/", siteRoot);
  const namesFiles = new Map();
  let latest = null; // the newest query asked
  let pinned = { ask: null, urls: new Set() };

  async function showNamed(ask) {
    const wanted = folded(ask.query);
    if (wanted.length < 2) return;
    const records = await namesFile(wanted.slice(0, 2));
    if (latest !== ask || current.ask === ask) return; // superseded, or Pagefind came first
    const named = records
      .map((record, rank) => {
        const data = namedData(record);
        return { data, key: placing(nameTier(record, wanted), data, rank) };
      })
      .filter((one) => one.key.tier < OTHERS && matches(one.data))
      .sort((a, b) => before(a.key, b.key))
      .slice(0, PAGE_SIZE);
    if (named.length === 0) return;
    for (const one of named) noteAreas(one.data);
    pinned = { ask, urls: new Set(named.map((one) => one.data.url)) };
    list.replaceChildren(...named.map((one) => resultItem(one.data)));
    list.dataset.query = ask.query;
    meta.textContent = ""; // the count is Pagefind's, and the last one was another query's
  }

  function namesFile(letters) {
    const hex = (byte) => byte.toString(16).padStart(2, "0");
    const name = Array.from(new TextEncoder().encode(letters), hex).join("");
    const url = new URL(`${name}.json.gz`, namesRoot);
    if (!namesFiles.has(url.href)) {
      const loaded = fetch(url).then((response) => (response.ok ? gunzipped(response) : "[]"));
      namesFiles.set(url.href, loaded.then(JSON.parse).catch(() => []));
    }
    return namesFiles.get(url.href);
  }

  /* The text of a gzipped file, or of one the host already decompressed. */
  async function gunzipped(response) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return new TextDecoder().decode(bytes);
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text();
  }

  /* A record as a result's data reads (a Pagefind fragment): its summary as the excerpt. */
  function namedData(record) {
    const { url, summary, ...meta } = record;
    const excerpt = summary.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    return { url: new URL(url, siteRoot).pathname, meta, excerpt };
  }

  /* The kind and area pickers narrow the results by the page's Pagefind meta (Pagefind's
     own filter files differ from build to build, so the site does not use them). The
     area picker offers the areas of the results loaded so far. */
  const KINDS = ["Term", "Definition", "Area", "Page"];
  const areasSeen = new Set();

  function noteAreas(data) {
    for (const area of ((data.meta && data.meta.area) || "").split("; ")) {
      if (area) areasSeen.add(area);
    }
  }

  function matches(data) {
    const filed = data.meta || {};
    if (chosen.kind && filed.kind !== chosen.kind) return false;
    if (chosen.area && !(filed.area || "").split("; ").includes(chosen.area)) return false;
    return true;
  }

  function showPickers() {
    if (!filterBox) return;
    if (!filtersShown) {
      filtersShown = true;
      filterBox.append(picker("kind", "All kinds"), picker("area", "All areas"));
      filterBox.hidden = false;
    }
    const areas = filterBox.querySelector("[data-filter=area]");
    if (areas.options.length - 1 === areasSeen.size) return;
    const values = [...areasSeen].sort((a, b) => a.localeCompare(b));
    areas.replaceChildren(new Option("All areas", ""), ...values.map((v) => new Option(v, v)));
    areas.value = chosen.area || "";
  }

  function picker(name, allLabel) {
    const select = document.createElement("select");
    select.className = "termsite-search-filter";
    select.dataset.filter = name;
    select.setAttribute("aria-label", allLabel);
    const values = name === "kind" ? KINDS : [];
    select.append(new Option(allLabel, ""), ...values.map((value) => new Option(value, value)));
    select.addEventListener("change", () => {
      if (select.value) chosen[name] = select.value;
      else delete chosen[name];
      onInput();
    });
    return select;
  }

  /* The next `room` results that pass the pickers and are not listed from the names index,
     loading fragments batch by batch.
     `rest` is what is not listed yet, in order. The first batch is every first-page
     candidate; those it has no room for go back to the head of `rest`, their fragments
     loaded, for the next page. */
  async function showMore(room = PAGE_SIZE) {
    const mine = current;
    let listed = 0;
    while (listed < room && mine.rest.length > 0) {
      const batch = mine.rest.splice(0, Math.max(mine.first, PAGE_SIZE));
      mine.first = 0;
      const shown = await showBatch(batch, mine, room - listed);
      if (current !== mine) return;
      listed += shown.listed;
      mine.rest.unshift(...shown.unlisted);
    }
    showPickers();
    setState("ready");
  }

  /* Pagefind ranks words, not phrases: for "Asset index index" it ranks "Asset index", and
     any page with both words in its title, as high. The list ranks a result titled exactly
     as the query first, then one that has it as another name (a synonym, an old slug),
     then titles and names that begin with it (each tier by title: `byTitle`); Pagefind's
     order for the rest. A title or a name is in a result's fragment, and fragments are
     loaded only for what may be shown, so the first page is chosen from what Pagefind
     says before any fragment: where the matched words are (a page whose first n indexed
     words match a query of n words has them as its title, the page's <h1> being indexed
     first) and which meta fields matched (`names`: the entry's other names). Those
     candidates are loaded with the first page; only they can move up, so each result
     shows as soon as the ones above it are known. Pagefind ignores a repeated word, so
     for "peg volatility volatility" an entry named "Volatility contagion peg" matches as
     well as the one with that exact name: a few more named results are loaded than the
     page has room for, and the best are shown. */
  const NAMED_CANDIDATES = 3; // the first page's room for results matched by another name
  const NAMED_POOL = 10; // named results loaded with the first page
  const OTHERS = 4; // the tier of a result that is not a candidate

  function listingOrder(results, query) {
    const words = pagefindWords(query).length;
    const opens = (r) => words > 0 && r.words.length >= words && r.words[words - 1] === words - 1;
    const named = (r) => (r.matchedMetaFields || []).includes("names");
    const ranked = results.map((result, rank) => ({ result, rank, candidate: false }));
    const titled = ranked.filter((one) => opens(one.result));
    const others = ranked.filter((one) => !opens(one.result) && named(one.result));
    const front = [
      ...titled.slice(0, PAGE_SIZE - Math.min(NAMED_CANDIDATES, others.length)),
      ...others.slice(0, NAMED_POOL),
    ];
    for (const one of front) one.candidate = true;
    return { order: [...front, ...ranked.filter((one) => !one.candidate)], first: front.length };
  }

  /* The query's words as Pagefind counts them: it drops punctuation and splits on spaces. */
  function pagefindWords(query) {
    return query.replace(/[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]/gu, "").split(/\s+/).filter(Boolean);
  }

  function tier(one, wanted) {
    return one.candidate ? nameTier(one.data.meta || {}, wanted) : OTHERS;
  }

  /* 0: titled as the query; 1: so named otherwise; 2, 3: a title, a name, that begins so. */
  function nameTier(meta, wanted) {
    const title = folded(meta.title || "");
    const names = (meta.names || "").split("; ").map(folded);
    if (title === wanted) return 0;
    if (names.includes(wanted)) return 1;
    if (title.startsWith(wanted)) return 2;
    if (names.some((name) => name.startsWith(wanted))) return 3;
    return OTHERS;
  }

  /* Loads a batch's fragments and lists each result once every result that could rank
     above it is known, up to `room` of those that pass the pickers; returns how many it
     listed and the results it had no room for, best first. */
  function showBatch(batch, mine, room) {
    const wanted = folded(mine.query);
    const waiting = new Set(batch);
    let listed = 0;
    const loading = (one) => ({ tier: one.candidate ? 0 : OTHERS, title: null, rank: one.rank });
    const key = (one) => (waiting.has(one) ? loading(one) : one.key);
    const place = () => {
      while (listed < room && waiting.size < batch.length) {
        const next = batch.reduce((best, one) => (before(key(one), key(best)) < 0 ? one : best));
        if (waiting.has(next) || current !== mine) return;
        batch.splice(batch.indexOf(next), 1);
        if (!matches(next.data) || mine.shown.has(next.data.url)) continue;
        list.append(resultItem(next.data));
        listed += 1;
      }
    };
    const loads = batch.map((one) =>
      (one.data ? Promise.resolve(one.data) : one.result.data()).then((data) => {
        noteAreas(data);
        one.data = data;
        one.key = placing(tier(one, wanted), data, one.rank);
        waiting.delete(one);
        place();
      }),
    );
    return Promise.all(loads).then(() => {
      const unlisted = batch.sort((a, b) => before(a.key, b.key));
      return { listed, unlisted };
    });
  }

  /* Where a result goes, in the names index's list and in Pagefind's alike (which answers
     first is a race, and the order must not depend on it): by tier, results that rank by
     name by title within theirs, then by rank (Pagefind's, or the names file's). */
  function placing(level, data, rank) {
    return { tier: level, title: (data.meta || {}).title || "", rank };
  }

  function before(a, b) {
    return a.tier - b.tier || byTitle(a, b) || a.rank - b.rank;
  }

  /* A result still loading (no title yet) could be any candidate, so it goes before the
     known ones of its tier and holds them back. */
  function byTitle(a, b) {
    if (a.tier >= OTHERS) return 0;
    if (a.title === null || b.title === null) return (b.title === null) - (a.title === null);
    return a.title.localeCompare(b.title);
  }

  /* Text as the list compares it: case, accents, punctuation and spacing aside. */
  function folded(text) {
    return text
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLocaleLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
      .join(" ");
  }

  function resultItem(data) {
    const item = document.createElement("li");
    item.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = data.url;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const title = document.createElement("h1");
    title.textContent = (data.meta && data.meta.title) || data.url;
    const filedUnder = document.createElement("p");
    filedUnder.className = "termsite-search-kind";
    const where = [data.meta && data.meta.kind, data.meta && data.meta.area].filter(Boolean);
    filedUnder.textContent = where.join(" · ");
    const excerpt = document.createElement("p");
    excerpt.append(...markedText(data.excerpt || ""));
    article.append(title, ...(where.length ? [filedUnder] : []), excerpt);
    link.append(article);
    item.append(link);
    return item;
  }

  /* Pagefind's excerpt is text with <mark> around matches: keep exactly that. */
  function markedText(html) {
    const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
    return Array.from(parsed.body.firstChild.childNodes, (node) => {
      if (node.nodeName !== "MARK") return document.createTextNode(node.textContent);
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      return mark;
    });
  }

  function reset() {
    clearTimeout(paused);
    wanted = null;
    latest = null;
    current = { query: "", rest: [], first: 0, shown: new Set() };
    list.replaceChildren();
    delete list.dataset.query;
    meta.textContent = translate("search.result.placeholder", "Type to start searching");
    if (engine) setState("ready");
  }

  /* A keystroke that leaves the query as it was (a space between words) searches nothing. */
  let typed = "";

  function onTyped() {
    if (input.value.trim() === typed) return;
    typed = input.value.trim();
    onInput();
  }

  function onInput() {
    const query = input.value.trim();
    if (!query) return reset();
    setState("loading");
    search(query).catch(() => showError());
  }

  function links() {
    return Array.from(list.querySelectorAll(".md-search-result__link"));
  }

  function moveFocus(step) {
    const all = [input, ...links()];
    const at = all.indexOf(document.activeElement);
    const next = all[Math.min(Math.max(at + step, 0), all.length - 1)];
    next.focus();
    if (next === all[all.length - 1] && current.rest.length > 0) showMore();
  }

  function isTyping(target) {
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  }

  function onKey(event) {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    const searching = toggle ? toggle.checked : document.activeElement === input;
    if (!searching) {
      if (["/", "s", "f"].includes(event.key) && !isTyping(event.target)) {
        event.preventDefault();
        input.focus();
        input.select();
      }
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      moveFocus(event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter" && document.activeElement === input) {
      event.preventDefault();
      const first = links()[0];
      if (first) first.click();
    }
  }

  function onScroll() {
    const nearEnd = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 64;
    if (nearEnd && current.rest.length > 0) showMore();
  }

  function openFromLink() {
    const query = new URLSearchParams(location.search).get("q");
    if (!query) return;
    input.value = query;
    open();
    input.focus();
    onInput();
  }

  input.addEventListener("focus", open);
  input.addEventListener("input", onTyped);
  input.form.addEventListener("submit", (event) => event.preventDefault());
  input.form.addEventListener("reset", () => setTimeout(() => ((typed = ""), reset())));
  if (toggle) toggle.addEventListener("change", () => toggle.checked && input.focus());
  if (scroller) scroller.addEventListener("scroll", onScroll, { passive: true });
  document.addEventListener("keydown", onKey);
  openFromLink();
})();
