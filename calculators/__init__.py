"""Standard-library-only correlation calculators that run in CPython and in Pyodide."""
