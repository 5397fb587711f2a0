"""Developer tools (not part of the reader): ``python -m reader.devtools.<tool>``."""
