#!/usr/bin/env bash
# Installs what the deployment manifests' test needs when it is missing: kubectl (renders the Kustomize overlays)
# and docker-compose (validates deploy/compose/compose.yaml offline). Idempotent; Debian/Ubuntu only. Without
# them the test still holds the files to the services' settings and says which checks it skipped.
set -euo pipefail

missing=()
command -v kubectl >/dev/null || missing+=(kubectl)
command -v docker-compose >/dev/null || missing+=(docker-compose)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "the manifests' test needs ${missing[*]}; install them with your package manager (their checks will be skipped otherwise)" >&2
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
echo "installing ${missing[*]} for the manifests' test"
if ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then
  $sudo apt-get update || true
fi
$sudo apt-get install -y --no-install-recommends "${missing[@]}" \
  || echo "could not install ${missing[*]}: the manifests' test will skip what needs them" >&2
