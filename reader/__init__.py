"""Meipi 眉批 — an offline reading desk for close readers of Chinese-language articles.

The core (documents, script views, store, search, export) never imports Qt; ``reader.ui`` is a
thin layer over it.
"""

__version__ = "0.1.0"
