#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3 running in Node 20) into a cache outside the repository, without
# anything but the npm registry: code-server's own postinstall cannot run here (it refuses root, builds a Kerberos
# module that needs libkrb5-dev, and @vscode/ripgrep downloads its binary from GitHub), so this does its steps by hand.
#
# Prints the install directory on stdout (logs go to stderr); `<dir>/code-server` is the launcher. A finished install
# is marked by `<dir>/.complete`, so a second run returns at once. The cache is `$KUEUE_CACHE_DIR` (default
# `~/.cache/kueue`), shared with the test control plane's binaries.
set -euo pipefail

VERSION=4.100.3
RIPGREP_PACKAGE=@vscode/ripgrep-linux-x64@1.18.0
# The native modules the server and its extension host load; the others (kerberos, windows-*) are not needed.
VSCODE_NATIVE_MODULES=(node-pty @parcel/watcher @vscode/spdlog native-watchdog @vscode/deviceid)

cache="${KUEUE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kueue}"
dest="$cache/code-server-$VERSION"
log() { printf '[code-server] %s\n' "$*" >&2; }

if [ -f "$dest/.complete" ]; then
  echo "$dest"
  exit 0
fi

mkdir -p "$cache"
# Two test runs starting at once must not both install (or see a half-written directory).
exec 9>"$dest.lock"
flock 9
if [ -f "$dest/.complete" ]; then
  echo "$dest"
  exit 0
fi

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) log "only linux-x64 is supported (the ripgrep package is $RIPGREP_PACKAGE)"; exit 1 ;;
esac
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" != 20 ]; then
  log "code-server $VERSION needs Node 20 (found $(node --version))"
  exit 1
fi

started=$(date +%s)
work="$(mktemp -d "$dest.partial.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Native modules compile against the local Node headers when present, so node-gyp never tries to download them.
node_prefix="$(dirname "$(dirname "$(node -p 'process.execPath')")")"
if [ -z "${npm_config_nodedir:-}" ] && [ -f "$node_prefix/include/node/node.h" ]; then
  export npm_config_nodedir="$node_prefix"
fi
export JOBS=max
# npm 11 asks before running install scripts that package.json has not approved; these rebuilds are deliberate.
export npm_config_yes=true
npm_quiet=(--no-audit --no-fund --loglevel=error)

log "installing code-server $VERSION into $dest (takes a few minutes once)"
cd "$work"
printf '{"private":true,"dependencies":{"code-server":"%s"}}\n' "$VERSION" >package.json
npm install --ignore-scripts "${npm_quiet[@]}" >&2

server="$work/node_modules/code-server"
vscode="$server/lib/vscode"
log "installing VS Code's server dependencies and building native modules"
# The builds are mostly single-threaded compiles (spdlog alone takes a minute and a half), so they run side by side.
pids=()
# argon2 (password hashing) is imported at start-up even with --auth none; build it here rather than letting
# node-pre-gyp try to download a prebuilt binary first.
npm rebuild argon2 --build-from-source "${npm_quiet[@]}" >&2 &
pids+=($!)
(cd "$vscode" && npm install --omit=dev --ignore-scripts "${npm_quiet[@]}" >&2)
(cd "$vscode/extensions" && npm install --omit=dev --ignore-scripts "${npm_quiet[@]}" >&2)
for module in "${VSCODE_NATIVE_MODULES[@]}"; do
  (cd "$vscode" && npm rebuild "$module" "${npm_quiet[@]}" >&2) &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done

log "adding ripgrep from $RIPGREP_PACKAGE"
mkdir -p "$work/ripgrep" "$vscode/node_modules/@vscode/ripgrep/bin"
(cd "$work/ripgrep" && npm pack "$RIPGREP_PACKAGE" --silent >/dev/null && tar xzf ./*.tgz)
install -m 0755 "$work/ripgrep/package/bin/rg" "$vscode/node_modules/@vscode/ripgrep/bin/rg"
rm -rf "$work/ripgrep"

# What code-server's postinstall does besides installing: VS Code and extensions look for files under
# node_modules.asar, and the terminal's `code-server` / browser helpers are per-platform scripts.
ln -sfn node_modules "$vscode/node_modules.asar"
ln -sfn code-linux.sh "$vscode/bin/remote-cli/code-server"
ln -sfn browser-linux.sh "$vscode/bin/helpers/browser.sh"

cat >"$work/code-server" <<'EOF'
#!/usr/bin/env sh
exec node "$(dirname "$0")/node_modules/code-server/out/node/entry.js" "$@"
EOF
chmod 0755 "$work/code-server"

# Fail now rather than in the middle of a test run when something did not build.
reported="$(HOME="$work/.probe" XDG_CONFIG_HOME="$work/.probe" XDG_DATA_HOME="$work/.probe" \
  "$work/code-server" --version --config "$work/.probe/config.yaml" --user-data-dir "$work/.probe" 2>/dev/null | tail -n 1)"
case "$reported" in
  "$VERSION "*) ;;
  *) log "unexpected version output: $reported"; exit 1 ;;
esac
rm -rf "$work/.probe"
(cd "$vscode" && node --input-type=module -e "
  import { createRequire } from 'node:module';
  const require = createRequire(process.cwd() + '/');
  for (const name of ['node-pty', '@parcel/watcher', '@vscode/spdlog', 'native-watchdog']) require(name);
") >&2
(cd "$work" && node -e "require('argon2')") >&2
"$vscode/node_modules/@vscode/ripgrep/bin/rg" --version >/dev/null

touch "$work/.complete"
rm -rf "$dest"
mv "$work" "$dest"
trap - EXIT
log "installed in $(($(date +%s) - started)) s"
echo "$dest"
