#!/usr/bin/env bash
# Installs what the browser tests need when it is missing: headless Chromium, its WebDriver and a CJK font
# (without one, Chinese renders as empty boxes in screenshots). Idempotent; Debian/Ubuntu only.
set -euo pipefail
source "$(dirname "$0")/debian-packages.sh"

# A machine that cannot install them still runs every other test: the browser tests say they were skipped.
install_packages "the browser tests" chromium chromium-driver fonts-wqy-microhei \
  || echo "the browser tests will be skipped" >&2
