#!/usr/bin/env bash
# Brings up what NumJudge needs from the operating system: a running Docker
# engine and debootstrap (to build the sandbox image without a registry).
# On a Debian host as root it installs and starts them; anywhere else it says
# what to install and stops.
set -euo pipefail

data_dir=${NUMJUDGE_DATA_DIR:-var}
mkdir -p "$data_dir/log"

need_packages=()
command -v dockerd >/dev/null 2>&1 || need_packages+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || need_packages+=(debootstrap)
command -v redis-server >/dev/null 2>&1 || need_packages+=(redis-server)  # make run starts one if none answers
command -v docker-compose >/dev/null 2>&1 || need_packages+=(docker-compose)  # validates docker-compose.yml in the tests

if ((${#need_packages[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${need_packages[*]} with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_packages[@]}" >/dev/null
  else
    echo "setup: missing ${need_packages[*]}." >&2
    echo "       Install Docker Engine (https://docs.docker.com/engine/install/) and debootstrap," >&2
    echo "       or run 'make setup' as root on Debian so it can install them itself." >&2
    exit 1
  fi
fi

if docker info >/dev/null 2>&1; then
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "setup: no Docker engine answers. Start it (e.g. 'sudo systemctl start docker')" >&2
  echo "       and make sure your user may use /var/run/docker.sock." >&2
  exit 1
fi

# Sandboxes run with network_mode=none, so the engine needs no bridge and no
# iptables rules: starting it without them keeps every packet on this machine.
echo "setup: starting dockerd (log: $data_dir/log/dockerd.log)"
nohup dockerd --bridge=none --iptables=false --ip6tables=false \
  >"$data_dir/log/dockerd.log" 2>&1 </dev/null &
for _ in $(seq 1 60); do
  docker info >/dev/null 2>&1 && exit 0
  sleep 0.5
done
echo "setup: dockerd did not come up within 30 s; see $data_dir/log/dockerd.log" >&2
exit 1
