"""`python -m eva` is the same as `eva`."""

import sys

from eva.cli import main

sys.exit(main())
