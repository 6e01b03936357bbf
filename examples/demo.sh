#!/usr/bin/env bash
# The demo: convert the example Pod to sequential containers, then, against $KUBECONFIG (or a local control
# plane it starts and stops itself), enqueue a run of TaskActions, show its tree, execute it, abort another.
set -euo pipefail
cd "$(dirname "$0")/.."
kueue() { node dist/kubectl-kueue "$@"; }
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "kubectl kueue version"
kueue version

step "kubectl kueue convert -f examples/pipeline-pod.yaml"
kueue convert -f examples/pipeline-pod.yaml

if [ -z "${KUBECONFIG:-}" ] && [ ! -f "$HOME/.kube/config" ]; then
  step "no cluster configured: starting the local control plane (npm run cluster:up)"
  line=$(npm run --silent cluster:up | grep '^export KUBECONFIG=')
  export KUBECONFIG="${line#export KUBECONFIG=}"
  trap 'step "stopping the local control plane"; npm run --silent cluster:down' EXIT
fi
echo "using KUBECONFIG=${KUBECONFIG:-$HOME/.kube/config}"

step "kubectl kueue install"
kueue install
step "kubectl kueue enqueue -f examples/run.yaml"
kueue enqueue -f examples/run.yaml
step "kubectl kueue tree demo-run"
kueue tree demo-run
step "kubectl kueue executor (until the run has finished)"
kueue executor --until-idle
kueue tree demo-run
step "kubectl kueue enqueue another run, then abort it"
kueue enqueue -f examples/run.yaml --run demo-run-2
kueue abort run demo-run-2 --wait
kueue get
