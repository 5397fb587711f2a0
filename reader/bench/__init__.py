"""The benchmark (``meipi bench``): the performance budget measured on the real code — the
store, the exports, search and the window. The one core package allowed to start the window."""
