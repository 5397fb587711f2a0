"""Annotating: highlights and margin notes, their editor, the sidebar, tags and colour meanings,
and undo over every edit."""
