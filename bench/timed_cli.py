"""`chabaocu …` exactly as the command line runs it, plus the build's stage timings as JSON.

    python bench/timed_cli.py TIMINGS.json build --site … (any chabaocu arguments)

bench/run.py runs every build through this, so that a figure is a real command in a fresh
process (start-up included) and each stage's wall and CPU time can be reported beside it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from builder import cli


def main() -> int:
    target = Path(sys.argv[1])
    shown = cli._summary

    def summary(root: Path, result) -> None:
        shown(root, result)
        target.write_text(json.dumps({"timings": result.timings, "cpu": result.cpu,
                                      "files": {name: r.written + r.unchanged for name, r in result.reports.items()},
                                      "skipped": result.site is None}), encoding="utf-8")

    cli._summary = summary
    return cli.main(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
