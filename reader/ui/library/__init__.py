"""The library: the list of articles, bringing a text in (import), describing it (text details)
and taking the notes out (export)."""
