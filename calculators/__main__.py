"""`python -m calculators <id> ...`: the same command line as `termsite calc`."""

import sys

from calculators.cli import main

sys.exit(main())
