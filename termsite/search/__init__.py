"""Site search that scales: a chunked Pagefind index, built after MkDocs writes the HTML.

Material's built-in search ships one JSON index of every page (28 MB at 10,000
pages) to every reader who searches. Pagefind splits the index into chunks and
fragments, so a first query downloads a few hundred kilobytes. The theme keeps
Material's search box and result list (`partials/search.html`); the small
script behind it (`assets/termsite/search/search.js`) talks to Pagefind.
"""

from termsite.search.background import BackgroundIndexer
from termsite.search.markup import LISTING_KINDS, indexed_page, other_names
from termsite.search.names import NAMES_DIR, compressed, names_files
from termsite.search.pagefind import (
    BUNDLE_DIR,
    ROOT_SELECTOR,
    SearchIndex,
    SearchIndexError,
)
from termsite.search.reuse import content_id
from termsite.search.stream import StreamingIndexer, index_site

__all__ = [
    "BUNDLE_DIR",
    "LISTING_KINDS",
    "NAMES_DIR",
    "ROOT_SELECTOR",
    "BackgroundIndexer",
    "SearchIndex",
    "SearchIndexError",
    "StreamingIndexer",
    "compressed",
    "content_id",
    "index_site",
    "indexed_page",
    "names_files",
    "other_names",
]
