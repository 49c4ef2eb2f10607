#!/usr/bin/env bash
# Validates docs/asyncapi.yaml with the AsyncAPI CLI (@asyncapi/cli, pinned below), installing what is missing:
# Node.js and npm from the distribution's packages, the CLI from npm into target/asyncapi-cli (git-ignored; make
# clean removes it, the next make test installs it again, about a minute). Fails when the document is invalid; says
# why and skips the check when the CLI cannot be had. AsyncApiDocumentTest (services/events) holds the document to
# the code; this holds it to the AsyncAPI specification, the schemas it references included.
set -euo pipefail
source "$(dirname "$0")/debian-packages.sh"

root=$(cd "$(dirname "$0")/../.." && pwd)
version=6.2.0
prefix="$root/target/asyncapi-cli"
cli="$prefix/node_modules/.bin/asyncapi"
document="$root/docs/asyncapi.yaml"

skip() {
  echo "docs/asyncapi.yaml was not validated with the AsyncAPI CLI: $1" >&2
  exit 0
}

needed=()
command -v node >/dev/null || needed+=(nodejs)
command -v npm >/dev/null || needed+=(npm)
if [ ${#needed[@]} -gt 0 ]; then
  install_packages "the AsyncAPI CLI" "${needed[@]}" || skip "no ${needed[*]}"
fi

# @asyncapi/cli 6.2.0 declares Node.js 24, but its validate command runs on 20.19 and newer (where require() loads
# ES modules, as its dependency uuid 14 needs); older ones, such as Debian 12's 18, cannot run it.
node_version=$(node -p 'process.versions.node')
IFS=. read -r major minor _ <<<"$node_version"
if [ "$major" -lt 20 ] || { [ "$major" -eq 20 ] && [ "$minor" -lt 19 ]; }; then
  skip "@asyncapi/cli $version needs Node.js 20.19 or newer, this machine has $node_version"
fi

installed() {
  [ -x "$cli" ] && [ "$(node -p "require('$prefix/node_modules/@asyncapi/cli/package.json').version" 2>/dev/null)" = "$version" ]
}
if ! installed; then
  echo "installing @asyncapi/cli $version into target/asyncapi-cli (about a minute)"
  rm -rf "$prefix" "$prefix.partial"
  mkdir -p "$prefix.partial"
  # No install scripts: the CLI's own would set up shell completion in the user's profile, another reports usage.
  if ! npm install --prefix "$prefix.partial" --no-audit --no-fund --ignore-scripts --save-exact --loglevel=error \
      "@asyncapi/cli@$version"; then
    rm -rf "$prefix.partial"
    skip "npm could not install @asyncapi/cli $version (is the npm registry reachable?)"
  fi
  mv "$prefix.partial" "$prefix"
fi

# No usage reports (the CLI's analytics would write ~/.asyncapi-analytics and send each run), no notes from its
# configuration library.
analytics="$prefix/analytics.json"
echo '{"analyticsEnabled":"false","infoMessageShown":"true","userID":"jiebang"}' >"$analytics"
export ASYNCAPI_METRICS_CONFIG_PATH="$analytics" SUPPRESS_NO_CONFIG_WARNING=1 SUPPRESS_STRICTNESS_CHECK=1
cd "$prefix"
"$cli" validate "$document" --fail-severity error
