"""`python -m cleaner ...`: the `cleaner` command, for an environment whose scripts are not on PATH."""
import sys

from .cli import main

if __name__ == "__main__":  # tests import every module of the package (pkgutil.walk_packages)
    sys.exit(main())
