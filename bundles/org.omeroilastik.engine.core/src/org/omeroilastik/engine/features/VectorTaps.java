package org.omeroilastik.engine.features;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Taps} with the JDK's Vector API: the JIT does not vectorise the scalar loops (their rows lie
 * at different offsets of one array, which it cannot prove apart from the output), so here the
 * lanes are explicit. Each lane computes exactly the scalar sequence, c0·v, then fma(v+ ± v−, c_k, acc)
 * for k = 1..r, with the accumulator kept in a register across all taps. Loaded only when the
 * {@code jdk.incubator.vector} module is present (see {@link Simd}).
 */
final class VectorTaps {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorTaps() {
    }

    static void apply(float[] s, int[] p, int[] m, GaussianKernel kernel, float[] out, int at, int len) {
        float[] c = kernel.coefficients();
        int r = kernel.radius();
        // v+ − v− as v+ + (−1)·v− (exact, see Taps): one loop for both kinds of kernel.
        float sign = kernel.symmetric() ? 1f : -1f;
        int centre = p[0];
        float c0 = c[0];
        int whole = SPECIES.loopBound(len);
        for (int i = 0; i < whole; i += LANES) {
            FloatVector acc = FloatVector.fromArray(SPECIES, s, centre + i).mul(c0);
            for (int k = 1; k <= r; k++) {
                FloatVector pair = FloatVector.fromArray(SPECIES, s, m[k] + i).mul(sign).add(FloatVector.fromArray(SPECIES, s, p[k] + i));
                acc = pair.fma(FloatVector.broadcast(SPECIES, c[k]), acc);
            }
            acc.intoArray(out, at + i);
        }
        // The last samples, fewer than one vector: the same arithmetic, one sample at a time.
        for (int i = whole; i < len; i++) {
            float acc = c0 * s[centre + i];
            for (int k = 1; k <= r; k++) {
                acc = Math.fma(s[p[k] + i] + sign * s[m[k] + i], c[k], acc);
            }
            out[at + i] = acc;
        }
    }
}
