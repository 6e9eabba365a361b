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
        int whole = SPECIES.loopBound(len);
        if (kernel.symmetric()) {
            symmetric(s, p, m, c, r, out, at, whole);
        } else {
            antisymmetric(s, p, m, c, r, out, at, whole);
        }
        // The last samples, fewer than one vector: the same arithmetic, one sample at a time.
        boolean sym = kernel.symmetric();
        for (int i = whole; i < len; i++) {
            float acc = c[0] * s[p[0] + i];
            for (int k = 1; k <= r; k++) {
                float a = s[p[k] + i];
                float b = s[m[k] + i];
                acc = Math.fma(sym ? a + b : a - b, c[k], acc);
            }
            out[at + i] = acc;
        }
    }

    private static void symmetric(float[] s, int[] p, int[] m, float[] c, int r, float[] out, int at, int whole) {
        int centre = p[0];
        float c0 = c[0];
        for (int i = 0; i < whole; i += LANES) {
            FloatVector acc = FloatVector.fromArray(SPECIES, s, centre + i).mul(c0);
            for (int k = 1; k <= r; k++) {
                FloatVector sum = FloatVector.fromArray(SPECIES, s, p[k] + i).add(FloatVector.fromArray(SPECIES, s, m[k] + i));
                acc = sum.fma(FloatVector.broadcast(SPECIES, c[k]), acc);
            }
            acc.intoArray(out, at + i);
        }
    }

    private static void antisymmetric(float[] s, int[] p, int[] m, float[] c, int r, float[] out, int at, int whole) {
        int centre = p[0];
        float c0 = c[0];
        for (int i = 0; i < whole; i += LANES) {
            FloatVector acc = FloatVector.fromArray(SPECIES, s, centre + i).mul(c0);
            for (int k = 1; k <= r; k++) {
                FloatVector diff = FloatVector.fromArray(SPECIES, s, p[k] + i).sub(FloatVector.fromArray(SPECIES, s, m[k] + i));
                acc = diff.fma(FloatVector.broadcast(SPECIES, c[k]), acc);
            }
            acc.intoArray(out, at + i);
        }
    }
}
