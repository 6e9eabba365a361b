package org.omeroilastik.engine.features;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Recycles the region-sized temporaries of one block's feature computation. A block allocates dozens
 * of equal-sized volumes (passes, products, sums), each dead a moment later; on a 3D block each is
 * several MB, which the JVM allocates as humongous objects and collects in long pauses. Here only as
 * many arrays exist as are alive at once, and one thread's blocks of the same size reuse them: only
 * arrays of the size last asked for are kept, so the pool never outgrows one block's working set.
 * Volumes are handed out dirty: every user writes all of it. Not thread-safe: one per thread.
 */
final class Scratch {
    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    /** Arrays that became results: never handed out again. */
    private final Set<float[]> escaped = Collections.newSetFromMap(new IdentityHashMap<>());

    Volume take(int nz, int ny, int nx) {
        int n = Math.multiplyExact(Math.multiplyExact(nz, ny), nx);
        ArrayDeque<float[]> q = free.get(n);
        if (q == null && !free.isEmpty()) {
            free.clear(); // a block of another size: the previous block's arrays go to the collector
        }
        float[] a = q == null ? null : q.poll();
        return new Volume(nz, ny, nx, a != null ? a : new float[n]);
    }

    Volume takeLike(Volume v) {
        return take(v.nz(), v.ny(), v.nx());
    }

    /** Gives a volume back for reuse, unless it became a result. */
    void give(Volume v) {
        if (v != null && !escaped.contains(v.data())) {
            free.computeIfAbsent(v.size(), k -> new ArrayDeque<>()).push(v.data());
        }
    }

    /** Starts a block: the results of earlier blocks belong to their callers now. */
    void startBlock() {
        escaped.clear();
    }

    /** Marks a volume as a result, which callers keep after the computation. */
    Volume escape(Volume v) {
        escaped.add(v.data());
        return v;
    }
}
