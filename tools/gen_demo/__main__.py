"""`python -m tools.gen_demo` (or `python tools/gen_demo`): see tools/gen_demo/__init__.py."""

import sys
from pathlib import Path

if not __package__:  # run as `python tools/gen_demo`: make `tools.gen_demo` and `builder` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tools.gen_demo.cli import main  # noqa: E402 - after the sys.path line above

sys.exit(main())
