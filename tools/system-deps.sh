#!/usr/bin/env bash
# Install the Debian packages the builder and its tests need, when missing.
#   tools/system-deps.sh site   -> CJK fonts + WeasyPrint's Pango (to build the handbook PDFs)
#   tools/system-deps.sh test   -> also Chromium, poppler-utils, Java (HTML checker) and Node
# As root it installs them with apt-get; otherwise it prints the exact command to run.
set -euo pipefail
mode=${1:-site}

need=()
fc-list :lang=zh 2>/dev/null | grep -qi "Noto" || need+=(fonts-noto-cjk)
ldconfig -p 2>/dev/null | grep -q libpangoft2 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
command -v fc-list >/dev/null || need+=(fontconfig)
if [ "$mode" = test ]; then
  command -v chromium >/dev/null || need+=(chromium)
  command -v pdftoppm >/dev/null || need+=(poppler-utils)
  command -v java >/dev/null || need+=(default-jre-headless)
  command -v npm >/dev/null || need+=(nodejs npm)
fi

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "安装系统软件包（installing Debian packages）: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "缺少系统软件包（missing Debian packages）: ${need[*]}" >&2
  echo "请以管理员身份运行： sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
