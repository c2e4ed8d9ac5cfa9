#!/usr/bin/env bash
# Builds the browser front-end into web/static/dist (not committed): npm ci from the lock
# file, then esbuild. Skipped when the bundle is newer than every source, the lock and the
# build script, so `make setup` stays fast on a machine that already built it.
set -euo pipefail

cd "$(dirname "$0")/../web"
stamp=static/dist/.built

if [[ -f $stamp ]] && [[ -z $(find src package.json package-lock.json build.mjs -newer "$stamp" -print -quit) ]]; then
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing nodejs and npm with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "setup: npm is missing. Install Node.js 18 or newer with npm" >&2
    echo "       (on Debian: 'apt-get install nodejs npm'), then run 'make setup' again." >&2
    exit 1
  fi
fi

if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "setup: installing the front-end's npm packages (npm ci)"
  # --ignore-scripts: no package needs its install script here (esbuild finds its binary
  # package by itself), and swagger-ui-dist's would report the install over the network.
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi
echo "setup: building the front-end into web/static/dist"
npm run --silent build -- --quiet
touch "$stamp"
