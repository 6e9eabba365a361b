#!/usr/bin/env bash
# Measurement: a 237-plane 512x512 uint16 stack (124 MB) in the OMERO.web double, read plane by plane
# (as the batch's staging reads remote images) through omero-ms-pixel-buffer tiles and through
# omero-web-zarr chunks. Prints MB/s and the peak used heap above the heap before each read. Each
# source runs twice (the first pass includes JIT warm-up). The test JVM gets a small heap (default
# 64 MB, less than the stack) so that garbage cannot hide in a large young generation.
#   bench/omero-read.sh [HEAP]      (default 64m)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
HEAP=${1:-64m}
OUT=${BENCH_DIR:-/tmp/omero-ilastik-bench}
mkdir -p "$OUT"
cd "$ROOT"
xvfb-run -a ./mvnw -B -o -q verify -pl bundles/org.omeroilastik.repository.omero.tests -am \
  -Dtest=OmeroReadBench -Dsurefire.failIfNoSpecifiedTests=false \
  "-Dtest.vmargs=-Xmx$HEAP -Domero.ilastik.bench=true -Domero.ilastik.benchOut=$OUT/omero-read.txt" > "$OUT/omero-read.log" 2>&1 \
  || { tail -40 "$OUT/omero-read.log"; exit 1; }
cat "$OUT/omero-read.txt"
