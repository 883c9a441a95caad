"""``python -m skinlab <command>``: a thin entry; the commands are :mod:`skinlab.tools.cli`."""

import sys

from skinlab.tools.cli import main

if __name__ == "__main__":
    sys.exit(main())
