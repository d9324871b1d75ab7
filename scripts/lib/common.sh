# Shared by scripts/demo and scripts/test. Installs what the project needs and nothing else.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '%s\n' "$*" >&2; }

require() {
  command -v "$1" >/dev/null 2>&1 || { say "error: '$1' is not installed; $2"; exit 2; }
}

# npm packages pinned in package-lock.json (Azurite, maildev), installed when missing or out of date.
ensure_node_modules() {
  require node "install Node.js 20 or newer."
  require npm "install npm (it comes with Node.js)."
  # Reinstall only when the lock file's content changed (not its timestamp: a fresh checkout is always newer).
  local wanted stamp="$ROOT/node_modules/.techlead-lock-sha256"
  wanted=$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    say "Installing npm packages pinned in package-lock.json (azurite, maildev, adaptivecards)…"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error >&2) || { say "error: npm ci failed."; exit 2; }
    echo "$wanted" >"$stamp"
  fi
}

# A free TCP port on loopback, chosen by the operating system.
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

port_open() {
  node -e 'const c=require("net").connect(+process.argv[1],"127.0.0.1");c.on("connect",()=>process.exit(0));c.on("error",()=>process.exit(1));' "$1"
}

wait_port() {
  local port=$1 name=$2 log=$3
  for _ in $(seq 1 100); do
    port_open "$port" && return 0
    sleep 0.2
  done
  say "error: $name did not start on 127.0.0.1:$port; its log ($log):"
  tail -n 20 "$log" >&2
  return 1
}

# A Debian package a test needs, installed where missing and possible: ensure_debian_package PACKAGE PATH WHY.
ensure_debian_package() {
  local package="$1" path="$2" why="$3"
  [ -x "$path" ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  if command -v apt-get >/dev/null 2>&1; then
    say "Installing Debian's $package for $why…"
    ($sudo apt-get install -y "$package" >&2 || { $sudo apt-get update >&2 && $sudo apt-get install -y "$package" >&2; }) \
      || say "warning: could not install $package (apt-get install $package); $why will fail and say so."
  else
    say "warning: no apt-get here; install $package at $path for $why."
  fi
}

# Debian's chromium for the browser tests (Playwright drives it with ExecutablePath; its own download is offline-hostile).
ensure_chromium() { ensure_debian_package chromium /usr/bin/chromium "the browser tests"; }

# jq for the az/azd stand-ins of the azd hook tests.
ensure_jq() { ensure_debian_package jq /usr/bin/jq "the azd hook tests"; }
