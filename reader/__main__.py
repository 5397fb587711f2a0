"""``python -m reader`` is the ``meipi`` command."""

from reader.cli import main

raise SystemExit(main())
