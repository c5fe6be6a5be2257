"""Allow ``python -m newsarchive``."""

from newsarchive.cli import main

raise SystemExit(main())
