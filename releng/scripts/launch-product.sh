#!/usr/bin/env bash
# Shared by ./omero-ilastik and ./omero-ilastik-workbench: builds the product if it is missing, then
# starts it through the Equinox launcher jar (no native launcher is on Maven Central).
# usage: launch-product.sh PRODUCT_ID ROOT_FOLDER [EQUINOX_ARGS...] -- [APPLICATION_ARGS...]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
product_id=$1 root_folder=$2
shift 2
equinox_args=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do equinox_args+=("$1"); shift; done
[ $# -gt 0 ] && shift
JAVA_HOME="${OMERO_ILASTIK_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [ ! -x "$JAVA_HOME/bin/java" ]; then
  echo "omero-ilastik: no Java at $JAVA_HOME (install Temurin 25 or set OMERO_ILASTIK_JAVA_HOME)" >&2
  exit 2
fi
install="$ROOT/releng/org.omeroilastik.product/target/products/$product_id/linux/gtk/x86_64/$root_folder"
launcher=$(ls "$install"/plugins/org.eclipse.equinox.launcher_*.jar 2>/dev/null | head -n 1 || true)
if [ -z "$launcher" ]; then
  echo "omero-ilastik: building the products (first run only; a few minutes)..." >&2
  if ! "$ROOT/mvnw" -B -q -DskipTests -f "$ROOT/pom.xml" verify >&2; then
    echo "omero-ilastik: the build failed; run ./mvnw verify to see why" >&2
    exit 2
  fi
  launcher=$(ls "$install"/plugins/org.eclipse.equinox.launcher_*.jar | head -n 1)
fi
# JavaCPP binds the HDF5 natives to the requesting bundle's class loader (Runtime.loadLibrary0);
# aircompressor (Zarr zstd/LZ4 chunks) uses sun.misc.Unsafe, which JDK 24+ would warn about on stderr.
# G1 regions of 8 MB: the engine's block-sized arrays (1-2 MB) are then ordinary objects, not
# humongous ones, and G1 keeps the heap small and the run times steady (docs/pixel-features.md).
vm_args=(-Domero.ilastik.home="$ROOT" --enable-native-access=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED
         -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Xmx"${OMERO_ILASTIK_HEAP:-4g}" -XX:G1HeapRegionSize=8m)
# The flag exists from JDK 23 on; an older JVM (OMERO_ILASTIK_JAVA_HOME) would refuse to start with it.
java_major=$("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
if [ "${java_major:-0}" -ge 23 ]; then
  vm_args+=(--sun-misc-unsafe-memory-access=allow)
fi
# The pixel filters run on the JDK's (incubating) Vector API. Bundles load it by boot delegation: the
# build-time resolver knows no bundle exporting it, so none can import it. The JVM notes the module
# with one WARNING line on stderr. OMERO_ILASTIK_VECTOR=off runs the scalar filters: same results, slower.
if [ "${OMERO_ILASTIK_VECTOR:-on}" != off ]; then
  vm_args+=(--add-modules=jdk.incubator.vector -Dorg.osgi.framework.bootdelegation=jdk.incubator.vector)
fi
# The engine allocates its block buffers in multi-MB arrays: on huge pages it takes far fewer page
# faults. Only where the kernel offers them on request (else the JVM would warn on stderr).
if grep -qE '\[(always|madvise)\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null; then
  vm_args+=(-XX:+UseTransparentHugePages)
fi
exec "$JAVA_HOME/bin/java" "${vm_args[@]}" -jar "$launcher" -nosplash "${equinox_args[@]}" "$@"
