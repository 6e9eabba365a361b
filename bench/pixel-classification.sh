#!/usr/bin/env bash
# Benchmark: a 3D pixel classification project (the corpus's api-3d) over a synthetic 237×512×512
# uint8 z-stack: our engine (./omero-ilastik run, 2 GiB heap) against vigra on ilastik's schedule
# from Debian's python3-vigra on the same machine in the same run. Prints wall time, peak memory and
# the ratio. Needs ../shared/conformance, python3-h5py and python3-vigra.
#   bench/pixel-classification.sh [PLANES]      (default 237)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PLANES=${1:-237}
WORK=${BENCH_DIR:-/tmp/omero-ilastik-bench}
PROJECT="$ROOT/../shared/conformance/pixel/api-3d/PixelClass3D.ilp"
mkdir -p "$WORK"
STACK="$WORK/stack$PLANES.h5"
if [ ! -f "$STACK" ]; then
  /usr/bin/python3 - "$STACK" "$PLANES" <<'PY'
import sys, json, numpy as np, h5py
path, z = sys.argv[1], int(sys.argv[2])
rng = np.random.default_rng(1)
y = x = 512
a = (rng.random((z // 8 + 1, y // 8 + 1, x // 8 + 1)) * 255).astype(np.float32)
a = np.repeat(np.repeat(np.repeat(a, 8, 0), 8, 1), 8, 2)[:z, :y, :x]
a = (0.7 * a + 0.3 * rng.random((z, y, x)) * 255).astype(np.uint8)
with h5py.File(path, 'w') as f:
    d = f.create_dataset('data', data=a, chunks=(16, 128, 128), compression='gzip')
    d.attrs['axistags'] = json.dumps({'axes': [{'key': k, 'typeFlags': 2, 'resolution': 0, 'description': ''} for k in 'zyx']})
PY
fi
measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/$label.time" "$@" > "$WORK/$label.log" 2>&1
  read -r wall kb < "$WORK/$label.time"
  printf '%-10s wall %8.1f s   peak RSS %7.0f MiB\n' "$label" "$wall" "$((kb / 1024))"
  echo "$wall"  > "$WORK/$label.wall"
}
echo "input: $STACK ($PLANES x 512 x 512 uint8), project: api-3d (11 feature channels in 3D, 100 trees), $(nproc) cores"
OMERO_ILASTIK_HEAP=2g measure engine "$ROOT/omero-ilastik" run --project "$PROJECT" \
  --output-filename-format "$WORK/engine_{result_type}" "$STACK/data"
measure vigra /usr/bin/python3 "$ROOT/bench/vigra_reference.py" "$PROJECT" "$STACK" data zyx "$WORK/vigra_Probabilities.h5"
awk -v a="$(cat "$WORK/engine.wall")" -v b="$(cat "$WORK/vigra.wall")" 'BEGIN { printf "ratio engine/vigra wall time: %.2f\n", a / b }'
