#!/usr/bin/env bash
# Browser tests drive Debian's Chromium; Playwright's own browser download cannot work offline.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium is missing. Install Debian's package as root: apt-get install chromium" >&2
  exit 1
fi
echo "Installing Debian's chromium package (needed by the browser tests)…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
