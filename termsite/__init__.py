"""termsite: glossary sites with in-browser calculators."""
