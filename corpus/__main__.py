"""``python -m corpus``: see :mod:`corpus.cli`."""

from corpus.cli import main

raise SystemExit(main())
