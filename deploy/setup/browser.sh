#!/usr/bin/env bash
# Installs what the browser tests need when it is missing: headless Chromium, its WebDriver and a CJK font
# (without one, Chinese renders as empty boxes in screenshots). Idempotent; Debian/Ubuntu only.
set -euo pipefail

packages=(chromium chromium-driver fonts-wqy-microhei)
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "browser tests need ${missing[*]}; install them with your package manager (they will be skipped otherwise)" >&2
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
echo "installing ${missing[*]} for the browser tests"
# Refresh the package lists only when they do not know a package yet (a fresh machine has none).
if ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then
  $sudo apt-get update || true
fi
# A machine that cannot install them still runs every other test: the browser tests say they were skipped.
$sudo apt-get install -y --no-install-recommends "${missing[@]}" \
  || echo "could not install ${missing[*]}: the browser tests will be skipped" >&2
