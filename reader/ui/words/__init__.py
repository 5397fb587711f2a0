"""Words: the look-up popup, the vocabulary of an article and the user's glossary."""
