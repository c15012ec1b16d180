#!/usr/bin/env bash
# npm run setup: makes a fresh Debian/Ubuntu machine ready for `npm test`, from a clean clone.
# 1. Installs the Debian packages listed in scripts/build/apt-packages.txt that are not installed
#    yet (`apt-get update` once, then one `apt-get install`; nothing when all are there). Runs apt
#    as root, or through sudo when it exists; otherwise stops and says to run it as root.
# 2. Installs the npm packages from the lock file (`npm ci`), never downloading a browser: the
#    browser tests drive Debian's /usr/bin/chromium.
# Bash and npm only: it runs before node_modules exists.
#
# Environment:
#   APT_PACKAGES_FILE  the package list to use (default scripts/build/apt-packages.txt)
#   SETUP_DRY_RUN=1    print the apt and npm commands instead of running them
set -euo pipefail

cd "$(dirname "$0")/../.."

PACKAGES_FILE="${APT_PACKAGES_FILE:-scripts/build/apt-packages.txt}"
DRY_RUN="${SETUP_DRY_RUN:-}"

say() { echo "setup: $*"; }
fail() {
  echo "setup: $*" >&2
  exit 1
}

# Runs a command, or with SETUP_DRY_RUN=1 prints it.
run() {
  if [[ -n "$DRY_RUN" ]]; then
    echo "setup (dry run): $*"
  else
    "$@"
  fi
}

[[ -r "$PACKAGES_FILE" ]] || fail "cannot read the package list $PACKAGES_FILE"
# One package per line; '#' starts a comment; blank lines are skipped.
mapfile -t packages < <(awk '{ sub(/#.*/, ""); for (i = 1; i <= NF; i++) print $i }' "$PACKAGES_FILE")
((${#packages[@]} > 0)) || fail "$PACKAGES_FILE lists no packages"

if ! command -v dpkg-query > /dev/null; then
  say "not a Debian system (no dpkg-query): install the equivalents of ${packages[*]} yourself;" \
    "the first step of npm test checks for what it needs"
else
  missing=()
  for package in "${packages[@]}"; do
    # dpkg-query prints "install ok installed" only for a fully installed package.
    if [[ "$(dpkg-query -W -f='${Status}' "$package" 2> /dev/null)" != "install ok installed" ]]; then
      missing+=("$package")
    fi
  done

  if ((${#missing[@]} == 0)); then
    say "apt packages already installed: ${packages[*]}"
  else
    say "installing the missing apt packages: ${missing[*]}"
    if [[ "$(id -u)" == 0 ]]; then
      as_root=()
    elif command -v sudo > /dev/null; then
      as_root=(sudo)
    else
      fail "installing ${missing[*]} needs root, and sudo is not installed. Run this as root:" \
        "
  apt-get update && apt-get install -y ${missing[*]}
then run \`npm run setup\` again (or run \`npm run setup\` itself as root)."
    fi
    run "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
    run "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
  fi
fi

command -v npm > /dev/null || fail "npm is not installed: install Node.js 20.19 or newer first"
say "installing the npm packages from package-lock.json (npm ci, no browser download)"
run env PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci
say "done: \`npm test\` runs every test"
