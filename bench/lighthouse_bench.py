"""Lighthouse scores of the built site (issue 15): accessibility, best practices, SEO and performance,
on mobile and desktop, for one page of each kind (a script that prints figures, never a test).

    .venv/bin/python bench/lighthouse_bench.py [--public DIR] [--pages index.html …]

Needs Node and the npm package lighthouse: it uses LIGHTHOUSE=/path/to/bin/lighthouse when set,
else installs lighthouse 12.2.3 (the last release whose lock npm ci accepts on Node 20) once into
.cache/lighthouse/. Chromium is Debian's /usr/bin/chromium. The site is served on 127.0.0.1 under
the sub-path of site.toml's base_url, as on the county portal. Performance depends on the load of
the machine: the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "search"))
sys.path.insert(0, str(REPO))
PAGES = ["index.html", "news/2016-06-17-emergency-drills/index.html", "hazards/index.html", "towns/maqiao/index.html",
         "activities/ideas/index.html", "search/index.html?q=%E9%9A%90%E6%82%A3", "404.html",
         "handbook/campaign.html"]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse_bin() -> str:
    given = os.environ.get("LIGHTHOUSE")
    if given:
        return given
    folder = REPO / ".cache" / "lighthouse"
    binary = folder / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "i", "-E", "lighthouse@12.2.3", "--prefix", str(folder), "--no-audit", "--no-fund"],
                       check=True)
    return str(binary)


def audit(binary: str, url: str, preset: str, out: Path) -> dict:
    args = [binary, url, "--quiet", "--output=json", f"--output-path={out}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            "--only-categories=" + ",".join(CATEGORIES)]
    if preset == "desktop":
        args.append("--preset=desktop")
    subprocess.run(args, check=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, timeout=300,
                   stdout=subprocess.DEVNULL)
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {k: round(v["score"] * 100) for k, v in report["categories"].items()}
    scores["cls"] = report["audits"]["cumulative-layout-shift"]["numericValue"]
    scores["lcp"] = report["audits"]["largest-contentful-paint"]["numericValue"]
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--public", type=Path, help="已构建的网站输出目录（默认先构建示例站点）")
    parser.add_argument("--pages", nargs="*", default=PAGES)
    args = parser.parse_args(argv)
    public = args.public
    if public is None:
        from builder.pipeline import build
        public = Path(tempfile.mkdtemp(prefix="lighthouse-")) / "public"
        build(REPO, out=public, pdf=False)
    import tomllib
    sub = urlsplit(tomllib.loads((REPO / "site.toml").read_text(encoding="utf-8"))["site"]["base_url"]).path
    served = Path(tempfile.mkdtemp(prefix="lighthouse-site-"))
    shutil.copytree(public, served / sub.strip("/"))
    from search_bench import Served
    server = Served(served)
    root = server.roots["http"] + sub.lstrip("/")
    binary = lighthouse_bin()
    print(f"Lighthouse 12.2.3，Chromium {subprocess.run(['/usr/bin/chromium', '--version'], capture_output=True, text=True).stdout.strip()}；"
          f"负载 load average {os.getloadavg()[0]:.1f}（{os.cpu_count()} 核）")
    print(f"{'page':<46}{'preset':<9}{'perf':>5}{'a11y':>5}{'b.p.':>5}{'seo':>5}{'CLS':>7}{'LCP ms':>8}")
    worst: dict[str, int] = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for page in args.pages:
                for preset in ("mobile", "desktop"):
                    s = audit(binary, root + page, preset, Path(tmp) / "report.json")
                    print(f"{page[:45]:<46}{preset:<9}{s['performance']:>5}{s['accessibility']:>5}"
                          f"{s['best-practices']:>5}{s['seo']:>5}{s['cls']:>7.3f}{s['lcp']:>8.0f}", flush=True)
                    for k in CATEGORIES:
                        worst[f"{preset} {k}"] = min(worst.get(f"{preset} {k}", 100), s[k])
    finally:
        server.close()
    print("最低分 lowest: " + "，".join(f"{k} {v}" for k, v in worst.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
