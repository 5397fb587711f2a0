"""Reading: the text typeset in its pane, its script views, fonts, selection, the outline, the
original page, and finding words in one article or all of them."""
