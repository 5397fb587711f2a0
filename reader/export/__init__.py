"""Exports of annotations: Markdown per article, a theme-by-theme comparison, W3C Web Annotation
JSON (and its import), CSV; written atomically.

The Export dialog and the command line both call :func:`render_export` (a string, for a live
preview or Copy) and :func:`write_export` (a file, atomically). Inputs are plain values
(:mod:`reader.export.records`), so none of this touches the database or Qt.
"""
