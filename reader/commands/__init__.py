"""Command implementations, one module per area; ``reader.cli`` imports each lazily."""
