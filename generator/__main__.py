"""`python -m generator` is the same as `ladder`."""

import sys

from .cli import main

sys.exit(main())
