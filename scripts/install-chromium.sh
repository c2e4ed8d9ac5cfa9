#!/usr/bin/env bash
# The browser tests drive Debian's Chromium at /usr/bin/chromium. This installs the Debian
# package where it is missing (as root on Debian); it never downloads a browser build.
set -euo pipefail

if [[ -x /usr/bin/chromium ]]; then
  exit 0
fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "setup: installing chromium with apt-get (for the browser tests)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "setup: /usr/bin/chromium is missing; the browser tests need it." >&2
  echo "       Install Debian's package ('sudo apt-get install chromium') and run 'make test' again." >&2
  exit 1
fi
