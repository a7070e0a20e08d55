// termsite calculators: the site root, derived from this script's own URL, so one
// build works under `mkdocs serve`, at `/` and under a sub-path.

export const SITE_ROOT = new URL("../../", import.meta.url);
