#!/usr/bin/env bash
# Prepares what make images needs: podman with runc, and the JRE base image (Debian bookworm with OpenJDK 17
# and curl for health checks), built from Debian packages with mmdebstrap since no registry can be reached here.
# Idempotent; Debian/Ubuntu only. BASE_IMAGE names the base; set it to an image of your registry to skip the build.
# Podman runs as the caller (the images land in the caller's store, where make images builds); only the packages
# and the root file system need root.
set -euo pipefail
source "$(dirname "$0")/debian-packages.sh"

BASE_IMAGE=${BASE_IMAGE:-localhost/jiebang/jre:17}
export CONTAINERS_CONF=${CONTAINERS_CONF:-$(cd "$(dirname "$0")/../images" && pwd)/containers.conf}

install_packages "make images" podman runc mmdebstrap
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

if podman image exists "$BASE_IMAGE"; then
  exit 0
fi
if [ "$BASE_IMAGE" != localhost/jiebang/jre:17 ]; then
  echo "base image $BASE_IMAGE is not here: podman pull it first" >&2
  exit 1
fi
rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT
echo "building the base image $BASE_IMAGE from Debian packages (about a minute)"
$sudo mmdebstrap --variant=apt --include=openjdk-17-jre-headless,curl bookworm "$rootfs/rootfs.tar"
podman import --change 'ENV LANG=C.UTF-8' "$rootfs/rootfs.tar" "$BASE_IMAGE"
