#!/usr/bin/env bash
# Install the Debian packages the builder and its tests need, when missing.
#   tools/system-deps.sh site   -> CJK fonts + WeasyPrint's Pango (required to build the handbook PDFs),
#                                  and the speed-ups: libharfbuzz-subset0 (WeasyPrint subsets the fonts
#                                  in C instead of pure Python: PDFs about 4x faster) and poppler-utils
#                                  (pdftotext, for the privacy scan of the PDFs)
#   tools/system-deps.sh test   -> also Chromium, Java (HTML checker) and Node
# As root it installs them with apt-get. Otherwise it prints the exact command for what is required
# and fails; a missing speed-up is left to the build, which says once what it costs (builder/pdf.py).
set -euo pipefail
mode=${1:-site}

need=()       # required: without these there are no PDFs (or no tests)
faster=()     # speed-ups: the build works without them, only slower
fc-list :lang=zh 2>/dev/null | grep -qi "Noto" || need+=(fonts-noto-cjk)
ldconfig -p 2>/dev/null | grep -q libpangoft2 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
command -v fc-list >/dev/null || need+=(fontconfig)
ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset || faster+=(libharfbuzz-subset0)
command -v pdftotext >/dev/null || faster+=(poppler-utils)
if [ "$mode" = test ]; then
  command -v chromium >/dev/null || need+=(chromium)
  command -v java >/dev/null || need+=(default-jre-headless)
  command -v npm >/dev/null || need+=(nodejs npm)
  need+=("${faster[@]}")   # the PDF tests read the PDFs with pdftotext/pdftohtml
  faster=()
fi

all=("${need[@]}" "${faster[@]}")
if [ ${#all[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "安装系统软件包（installing Debian packages）: ${all[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${all[@]}" >/dev/null
elif [ ${#need[@]} -gt 0 ]; then
  echo "缺少系统软件包（missing Debian packages）: ${all[*]}" >&2
  echo "请以管理员身份运行： sudo apt-get install -y ${all[*]}" >&2
  exit 1
fi
