#!/usr/bin/env bash
# Installs what the command-line consumers of the public topics need when it is missing: kcat and jq for the shell
# recipe (examples/kcat), kafka-python for Debian's python3 (examples/python). Idempotent; Debian/Ubuntu only.
set -euo pipefail
source "$(dirname "$0")/debian-packages.sh"

# A machine that cannot install them still runs every other test: the example tests say they were skipped.
install_packages "the command-line consumer examples" kcat jq python3-kafka \
  || echo "the example tests will be skipped" >&2
