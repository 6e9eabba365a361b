#!/usr/bin/env bash
# Fault test of batch jobs on the local repository, through the built ./omero-ilastik: a batch over 50
# images is killed with SIGKILL halfway, then rerun with --resume. Checks that no image is lost, no
# finished image is processed again, and nothing is duplicated (ROIs, tables, derived images, the
# attached project); then that a file-size limit, a full disk (a small tmpfs, where mounting is
# allowed) and an unwritable repository each give a clear error and leave nothing half-written;
# finally that no credential from the environment (OMERO_USER, OMERO_PASSWORD, OMERO_SESSION) was
# written to any file or log. Needs python3.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
CLI="$ROOT/omero-ilastik"
# Credentials in the environment, as an OMERO user would have them: none may reach any file or log.
SECRET_PASSWORD="pw-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
SECRET_TOKEN="token-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
export OMERO_USER="user-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')" OMERO_PASSWORD="$SECRET_PASSWORD" OMERO_SESSION="$SECRET_TOKEN"
"$CLI" demo --dir "$W/demo" --images 50 --size 96 > /dev/null
"$CLI" import --source "local:$W/repo" --new-project P --new-dataset D "$W"/demo/images/cells_??.h5 > /dev/null
JOURNAL="$W/repo/jobs/demo.ilp-dataset-2.journal"
"$CLI" batch --source "local:$W/repo" --dataset 2 --project "$W/demo/demo.ilp" --threads 1 > "$W/run1.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  n=$( [ -f "$JOURNAL" ] && grep -c '"done"' "$JOURNAL" || echo 0)
  [ "$n" -ge 20 ] && break
  sleep 0.1
done
# The launcher execs java, so $pid is the JVM itself.
kill -9 "$pid" || true
wait "$pid" 2>/dev/null || true
before=$(grep -c '"done"' "$JOURNAL")
echo "killed after $before of 50 images"
# The kill must have landed mid-batch, or the resume below proves nothing.
[ "$before" -gt 0 ] && [ "$before" -lt 50 ] || { echo "fault test FAILED: killed after $before of 50" >&2; exit 1; }
"$CLI" batch --source "local:$W/repo" --dataset 2 --project "$W/demo/demo.ilp" --resume > "$W/run2.log" 2>&1
grep "Summary" "$W/run2.log"
"$CLI" browse --source "local:$W/repo" --json > "$W/after.json"
# A clean reference: the same batch on a fresh copy of the inputs, never interrupted.
"$CLI" import --source "local:$W/ref" --new-project P --new-dataset D "$W"/demo/images/cells_??.h5 > /dev/null
"$CLI" batch --source "local:$W/ref" --dataset 2 --project "$W/demo/demo.ilp" > /dev/null
"$CLI" browse --source "local:$W/ref" --json > "$W/ref.json"
/usr/bin/python3 - "$W" "$before" <<'PY'
import json, sys, collections
w, before = sys.argv[1], int(sys.argv[2])
journal = [json.loads(l) for l in open(f"{w}/repo/jobs/demo.ilp-dataset-2.journal") if l.strip().endswith("}")]
done = [j["image"] for j in journal if j["state"] == "done"]
dup = [i for i, c in collections.Counter(done).items() if c > 1]
assert len(set(done)) == 50, f"{len(set(done))} images done, expected 50"
assert not dup, f"images processed twice: {dup}"
skipped = open(f"{w}/run2.log").read().count("already done (journal), skipped")
assert skipped == before, f"{skipped} skipped on resume, {before} were journalled"
def counts(path):
    d = json.load(open(path))[0]["children"][0]
    return [c["counts"] for c in d["children"]], d["counts"]
after, ref = counts(f"{w}/after.json"), counts(f"{w}/ref.json")
assert after == ref, "counts differ from an uninterrupted run"
assert after[1]["attachments"] == 1, "the project must be attached exactly once"
print(f"fault test: 50 images done once each, {before} skipped on resume, counts equal an uninterrupted run")
PY
fail() { echo "fault test FAILED: $*" >&2; exit 1; }
# No staging folder or partial file may stay behind a failed write.
no_half_written() {
  local left
  left=$(find "$1" \( -name '.derived-*' -o -name '.new-*' -o -name '.old-*' -o -name '.import-*' -o -name '*.part' \) -print)
  [ -z "$left" ] || fail "half-written outputs left in $1: $left"
}
# A failing rerun over a finished repository: a clear error naming the file, nothing half-written,
# every count as before (earlier outputs stay whole), and the same run completes once writes work.
failing_rerun() { # REPO LOG-NAME EXPECTED-TEXT [batch options...]
  local repo=$1 log=$2 expect=$3 code
  shift 3
  "$CLI" browse --source "local:$repo" --json > "$W/$log.before.json"
  set +e
  "$@" > "$W/$log.log" 2>&1
  code=$?
  set -e
  # Exactly 2 (nothing done): a crash (134, 139) must not pass for a clear failure.
  [ "$code" -eq 2 ] || fail "$log: exit $code, expected 2 (a clear failure, no crash)"
  grep -q "$expect" "$W/$log.log" || fail "$log: no clear error ('$expect'): $(grep -v block "$W/$log.log" | tail -3)"
  no_half_written "$repo"
  "$CLI" browse --source "local:$repo" --json > "$W/$log.after.json"
  cmp -s "$W/$log.before.json" "$W/$log.after.json" || fail "$log: counts changed by a failed run"
  echo "$log: exit $code, $(grep -m1 -o "$expect" "$W/$log.log"), nothing half-written, counts unchanged"
}
BATCH=(batch --dataset 2 --project "$W/demo/demo.ilp" --write-back probabilities,rois,table,provenance)
# A file-size limit (any user): HDF5 only says "Write failed", so the error names the limit.
failing_rerun "$W/ref" file-size-limit "ulimit -f" bash -c 'ulimit -f 8; exec "$@"' _ "$CLI" "${BATCH[@]}" --source "local:$W/ref"
"$CLI" "${BATCH[@]}" --source "local:$W/ref" > /dev/null || fail "the same run without the limit failed"
# A full disk: a small tmpfs holding a copy of the repository (needs mount rights; root in CI).
DISK="$W/full-disk"
mkdir -p "$DISK"
need=$(du -sk "$W/ref" | cut -f1)
if mount -t tmpfs -o size=$((need + 1024))k tmpfs "$DISK" 2>/dev/null; then
  trap 'umount "$DISK" 2>/dev/null || true; rm -rf "$W"' EXIT
  cp -a "$W/ref" "$DISK/repo"
  # Shrink it to what the copy uses plus 8 KB: less than one image's outputs.
  used=$(df -k "$DISK" | tail -1 | awk '{print $3}')
  mount -o remount,size=$((used + 8))k "$DISK"
  failing_rerun "$DISK/repo" disk-full "disk full" "$CLI" "${BATCH[@]}" --source "local:$DISK/repo"
  umount "$DISK"
else
  echo "disk-full check skipped: cannot mount a small tmpfs here (not root); the file-size limit check above covers the write path"
fi
# An unwritable repository (permissions; root ignores them).
if [ "$(id -u)" -ne 0 ]; then
  chmod -R a-w "$W/ref/results"
  failing_rerun "$W/ref" unwritable "cannot write" "$CLI" batch --source "local:$W/ref" --dataset 2 --project "$W/demo/demo.ilp" --write-back rois
  chmod -R u+w "$W/ref/results"
else
  echo "unwritable repository check skipped: root ignores file permissions (the disk-full check covers it)"
fi
# Credentials scan: every repository, journal, attachment, table and log this test produced.
for secret in "$OMERO_USER" "$SECRET_PASSWORD" "$SECRET_TOKEN"; do
  # Judged by the output, so a grep error cannot hide a match.
  found=$(grep -rlaF "$secret" "$W" "$HOME/.omero-ilastik" 2>/dev/null || true)
  [ -z "$found" ] || fail "a credential from the environment was written to: $found"
done
echo "credentials scan: $(find "$W" -type f | wc -l) files and logs, no credential found"

