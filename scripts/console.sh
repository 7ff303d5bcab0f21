# shellcheck shell=bash
# Helpers for the settings console (src/Web), shared by run.sh and test.sh. Sourced after emulators.sh.

# npm ci when node_modules is missing or older than the lockfile: exactly the pinned versions.
ensure_console_packages() {
  local dir="$root/src/Web"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "Installing the console's packages (src/Web)..."
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed in src/Web"
  fi
}

# vite build when the console was never built or any of its sources changed since.
ensure_console_built() {
  local dir="$root/src/Web"
  ensure_console_packages
  if [ ! -f "$dir/dist/index.html" ] || [ -n "$(find "$dir/src" "$dir/public" "$dir/index.html" "$dir/vite.config.ts" "$dir/package-lock.json" -newer "$dir/dist/index.html" -type f 2>/dev/null | head -1)" ]; then
    echo "Building the settings console (src/Web)..."
    (cd "$dir" && npx vite build --logLevel warn) || die "the console build failed"
  fi
}

# The browser tests use Debian's Chromium; a test tool's own browser download cannot work here.
ensure_chromium() {
  if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then
    echo "Installing Chromium (Debian package) for the browser tests..."
    command -v apt-get >/dev/null 2>&1 || die "install Chromium and set CHROMIUM_PATH to it"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null \
      || die "could not install chromium (apt-get install chromium)"
  fi
}
