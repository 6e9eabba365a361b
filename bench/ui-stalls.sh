#!/usr/bin/env bash
# UI benchmark: the longest display-thread stall while a real job runs in the workbench (Jobs
# perspective, explorer selections changing meanwhile), against the same probe with nothing running.
#   bench/ui-stalls.sh [IMAGES] [SIZE]      (default 8 images of 1024x1024)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
IMAGES=${1:-8}
SIZE=${2:-1024}
OUT=${BENCH_DIR:-/tmp/omero-ilastik-bench}
mkdir -p "$OUT"
cd "$ROOT"
xvfb-run -a ./mvnw -B -o -q verify -pl features/org.omeroilastik.workbench,bundles/org.omeroilastik.ui.tests -am \
  -Dtest=DisplayStallBench -Dsurefire.failIfNoSpecifiedTests=false \
  "-Dbench.vmargs=-Domero.ilastik.bench=true -Domero.ilastik.bench.images=$IMAGES -Domero.ilastik.bench.size=$SIZE -Domero.ilastik.benchOut=$OUT/ui-stalls.txt" \
  > "$OUT/ui-stalls.log" 2>&1 || { tail -40 "$OUT/ui-stalls.log"; exit 1; }
cat "$OUT/ui-stalls.txt"
