#!/usr/bin/env bash
# Builds the local Kubernetes control plane used by the cluster tests (etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler, kwok) from their Go modules, once per version.
# Binaries are cached outside the repository in $KUEUE_CACHE_DIR (default ~/.cache/kueue) so later
# runs start in seconds. Prints the binary directory on stdout; build logs go to stderr.
set -euo pipefail

K8S_VERSION="${KUEUE_K8S_VERSION:-v1.36.3}"
ETCD_VERSION="${KUEUE_ETCD_VERSION:-v3.6.16}"
KWOK_VERSION="${KUEUE_KWOK_VERSION:-v0.7.0}"
CACHE="${KUEUE_CACHE_DIR:-$HOME/.cache/kueue}"
BIN="$CACHE/control-plane-k8s-${K8S_VERSION}-etcd-${ETCD_VERSION}-kwok-${KWOK_VERSION}"

if [ -x "$BIN/kube-apiserver" ] && [ -x "$BIN/kube-controller-manager" ] && [ -x "$BIN/kube-scheduler" ] \
  && [ -x "$BIN/etcd" ] && [ -x "$BIN/kwok" ]; then
  echo "$BIN"
  exit 0
fi

command -v go >/dev/null 2>&1 || { echo "error: Go is required to build the test control plane (or set KUEUE_TEST_KUBECONFIG)" >&2; exit 1; }

export CGO_ENABLED=0
export GOFLAGS="${GOFLAGS:-} -mod=mod"
mkdir -p "$BIN.partial"
WORK="$CACHE/build"
mkdir -p "$WORK"

build_etcd() {
  local dir="$WORK/etcd-$ETCD_VERSION"
  mkdir -p "$dir"
  cd "$dir"
  [ -f go.mod ] || go mod init kueue.local/etcd-build >&2
  go get -tool "go.etcd.io/etcd/server/v3@$ETCD_VERSION" >&2
  go build -trimpath -o "$BIN.partial/etcd" go.etcd.io/etcd/server/v3 >&2
}

build_kwok() {
  local dir="$WORK/kwok-$KWOK_VERSION"
  mkdir -p "$dir"
  cd "$dir"
  [ -f go.mod ] || go mod init kueue.local/kwok-build >&2
  go get -tool "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION" >&2
  go build -trimpath -o "$BIN.partial/kwok" sigs.k8s.io/kwok/cmd/kwok >&2
}

build_kubernetes() {
  local dir="$WORK/k8s-$K8S_VERSION"
  local minor="v0.${K8S_VERSION#v1.}"
  mkdir -p "$dir"
  cd "$dir"
  if [ ! -f go.mod ]; then
    go mod init kueue.local/k8s-build >&2
    go mod edit -require "k8s.io/kubernetes@$K8S_VERSION"
    # Learn the staging modules from the release's own go.mod replace block.
    go mod download -json "k8s.io/kubernetes@$K8S_VERSION" >/dev/null
    local gomod
    gomod="$(go env GOMODCACHE)/cache/download/k8s.io/kubernetes/@v/$K8S_VERSION.mod"
    local staging
    staging=$(grep -oE 'k8s.io/[a-z0-9-]+ => \./staging/src/k8s.io/[a-z0-9-]+' "$gomod" | awk '{print $1}' | sort -u)
    for m in $staging; do
      go mod edit -replace "$m=$m@$minor"
    done
    cat >tools.go <<'GO'
//go:build tools

package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
)
GO
    go mod tidy -e >&2 || true
  fi
  local ver_pkg="k8s.io/component-base/version"
  local cg_pkg="k8s.io/client-go/pkg/version"
  local major=1 minor_n
  minor_n="$(echo "$K8S_VERSION" | cut -d. -f2)"
  local ld="-s -w"
  for p in "$ver_pkg" "$cg_pkg"; do
    ld="$ld -X $p.gitVersion=$K8S_VERSION -X $p.gitMajor=$major -X $p.gitMinor=$minor_n -X $p.gitTreeState=clean"
  done
  for c in kube-apiserver kube-controller-manager kube-scheduler; do
    go build -trimpath -ldflags "$ld" -o "$BIN.partial/$c" "k8s.io/kubernetes/cmd/$c" >&2
  done
}

started=$(date +%s)
echo "building control plane ($K8S_VERSION, etcd $ETCD_VERSION, kwok $KWOK_VERSION) into $BIN; a cold build takes tens of minutes" >&2
( build_etcd )
( build_kwok )
( build_kubernetes )
rm -rf "$BIN"
mv "$BIN.partial" "$BIN"
echo "control plane built in $(( $(date +%s) - started ))s" >&2
echo "$BIN"
