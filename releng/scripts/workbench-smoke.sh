#!/usr/bin/env bash
# Smoke test of the desktop product as users start it: ./omero-ilastik-workbench opens its window on a
# fresh workspace (checked with xwininfo on the same X display), keeps running, and writes no error
# to the workspace log. Run under an X server: xvfb-run -a releng/scripts/workbench-smoke.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
workspace=$(mktemp -d)
trap 'rm -rf "$workspace"' EXIT
OMERO_ILASTIK_WORKSPACE="$workspace" "$ROOT/omero-ilastik-workbench" >"$workspace.out" 2>&1 &
pid=$!
opened=""
for _ in $(seq 1 90); do
  if xwininfo -root -tree 2>/dev/null | grep -q '"OMERO ilastik Workbench"'; then
    opened=yes
    break
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    break
  fi
  sleep 1
done
sleep 3
running=yes
kill -0 "$pid" 2>/dev/null || running=""
pkill -TERM -P "$pid" 2>/dev/null || true
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
if [ -z "$opened" ] || [ -z "$running" ]; then
  echo "workbench smoke: the window did not open or the workbench exited; its output:" >&2
  cat "$workspace.out" >&2
  exit 1
fi
if [ -f "$workspace/.metadata/.log" ] && grep -q '^!ENTRY .* 4 ' "$workspace/.metadata/.log"; then
  echo "workbench smoke: errors in the workspace log:" >&2
  cat "$workspace/.metadata/.log" >&2
  exit 1
fi
rm -f "$workspace.out"
echo "workbench smoke: the window opened and the log has no errors"
