# Sourced by the setup scripts: installs Debian packages that are missing, refreshing the package lists only when
# they do not know a package yet (a fresh machine has none).
#
# install_packages <what they are for> <packages...>
#   returns 0 when all are installed (or were already), 1 when they could not be (no apt-get, or apt-get failed)
install_packages() {
  local purpose=$1
  shift
  local missing=()
  local package
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$package")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  if ! command -v apt-get >/dev/null; then
    echo "$purpose needs ${missing[*]}; install them with your package manager" >&2
    return 1
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  echo "installing ${missing[*]} for $purpose"
  if ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then
    $sudo apt-get update || true
  fi
  $sudo apt-get install -y --no-install-recommends "${missing[@]}"
}
