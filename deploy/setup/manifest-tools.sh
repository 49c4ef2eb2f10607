#!/usr/bin/env bash
# Installs what the deployment manifests' test needs when it is missing: kubectl (renders the Kustomize overlays)
# and docker-compose (validates deploy/compose/compose.yaml offline). Idempotent; Debian/Ubuntu only. Without
# them the test still holds the files to the services' settings and says which checks it skipped.
set -euo pipefail
source "$(dirname "$0")/debian-packages.sh"

# Either may come from elsewhere than Debian's packages: what is on the PATH will do.
needed=()
command -v kubectl >/dev/null || needed+=(kubectl)
command -v docker-compose >/dev/null || needed+=(docker-compose)
if [ ${#needed[@]} -gt 0 ]; then
  install_packages "the manifests' test" "${needed[@]}" \
    || echo "the manifests' test will skip what needs ${needed[*]}" >&2
fi
