"""Comparing: two articles side by side, the theme board and the memos on its themes."""
