package org.omeroilastik.engine.features;

/** Eigenvalues of symmetric 2×2 and 3×3 tensors per sample, descending, as fastfilters computes them. */
public final class Eigenvalues {
    static final float INV3 = (float) (1.0 / 3.0);
    static final float ROOT3 = (float) Math.sqrt(3.0);

    private Eigenvalues() {
    }

    /** 2D (fastfilters' AVX path, no fused operations): writes the larger to big, the smaller to small. */
    public static void of2d(float[] xx, float[] xy, float[] yy, float[] big, float[] small) {
        for (int i = 0; i < xx.length; i++) {
            float tmp0 = (xx[i] + yy[i]) * 0.5f;
            float tmp1 = (xx[i] - yy[i]) * 0.5f;
            tmp1 = tmp1 * tmp1;
            float det = (float) Math.sqrt(tmp1 + xy[i] * xy[i]);
            float ev0 = tmp0 + det;
            float ev1 = tmp0 - det;
            big[i] = Math.max(ev0, ev1);
            small[i] = Math.min(ev0, ev1);
        }
    }

    /** Samples solved per sweep: the per-sample temporaries of one sweep stay in the first-level cache. */
    private static final int SWEEP = 512;

    /**
     * 3D, Eberly's closed form on the tensor scaled by its largest absolute entry, with fastfilters'
     * own float atan2 and sincos (its AVX2 path). Writes ev0 ≥ ev1 ≥ ev2.
     *
     * <p>Solved in three sweeps over a few hundred samples: the scaling, divisions and square roots,
     * then fastfilters' atan2 and sincos, then the roots and their sorting network, each on vector lanes
     * ({@link VectorEigen}, branches as lane masks) when the Vector API is there; per sample every
     * operation is the same, in the same order, as in one scalar loop.
     */
    public static void of3d(float[] a00, float[] a01, float[] a02, float[] a11, float[] a12, float[] a22,
            float[] ev0, float[] ev1, float[] ev2) {
        float[] scale = new float[SWEEP];
        float[] mean = new float[SWEEP];
        float[] mbDiv2 = new float[SWEEP];
        float[] rootQ = new float[SWEEP];
        float[] magnitude = new float[SWEEP];
        float[] sin = new float[SWEEP];
        float[] cos = new float[SWEEP];
        float[] sincos = new float[2];
        for (int start = 0; start < a00.length; start += SWEEP) {
            int n = Math.min(SWEEP, a00.length - start);
            int done = Simd.enabled() ? VectorEigen.scale(a00, a01, a02, a11, a12, a22, start, n, scale, mean, mbDiv2, rootQ, magnitude) : 0;
            for (int j = done; j < n; j++) {
                int i = start + j;
                float max = Math.max(Math.max(Math.max(Math.abs(a00[i]), Math.abs(a01[i])), Math.max(Math.abs(a02[i]), Math.abs(a11[i]))),
                        Math.max(Math.abs(a12[i]), Math.abs(a22[i])));
                // fastfilters scales an all-zero tensor by 1; the smallest float gives the same (signed) zeros
                // and, unlike a conditional, keeps the loop vectorisable.
                max = Math.max(max, Float.MIN_VALUE);
                float b00 = a00[i] / max, b01 = a01[i] / max, b02 = a02[i] / max;
                float b11 = a11[i] / max, b12 = a12[i] / max, b22 = a22[i] / max;
                float c0 = b00 * b11 * b22 + 2f * b01 * b02 * b12 - b00 * b12 * b12 - b11 * b02 * b02 - b22 * b01 * b01;
                float c1 = b00 * b11 - b01 * b01 + b00 * b22 - b02 * b02 + b11 * b22 - b12 * b12;
                float c2 = b00 + b11 + b22;
                float c2Div3 = c2 * INV3;
                float aDiv3 = Math.min((c1 - c2 * c2Div3) * INV3, 0f);
                float m = 0.5f * (c0 + c2Div3 * (2f * c2Div3 * c2Div3 - c1));
                float q = Math.min(m * m + aDiv3 * aDiv3 * aDiv3, 0f);
                scale[j] = max;
                mean[j] = c2Div3;
                mbDiv2[j] = m;
                rootQ[j] = (float) Math.sqrt(-q);
                magnitude[j] = (float) Math.sqrt(-aDiv3);
            }
            done = Simd.enabled() ? VectorEigen.angles(rootQ, mbDiv2, n, sin, cos) : 0;
            for (int j = done; j < n; j++) {
                float angle = CephesFloat.atan2(rootQ[j], mbDiv2[j]) * INV3;
                CephesFloat.sincos(angle, sincos);
                sin[j] = sincos[0];
                cos[j] = sincos[1];
            }
            done = Simd.enabled() ? VectorEigen.roots(start, n, scale, mean, magnitude, sin, cos, ev0, ev1, ev2) : 0;
            for (int j = done; j < n; j++) {
                int i = start + j;
                float c2Div3 = mean[j];
                float mag = magnitude[j];
                float sn = sin[j];
                float cs = cos[j];
                float r0 = c2Div3 + 2f * mag * cs;
                float r1 = c2Div3 - mag * (cs + ROOT3 * sn);
                float r2 = c2Div3 - mag * (cs - ROOT3 * sn);
                // fastfilters' sorting network of min/max pairs.
                float t0 = Math.min(r0, r1), t1 = Math.max(r0, r1);
                float s0 = Math.min(t0, r2), t2 = Math.max(t0, r2);
                float s1 = Math.min(t1, t2), s2 = Math.max(t1, t2);
                float max = scale[j];
                ev2[i] = s0 * max;
                ev1[i] = s1 * max;
                ev0[i] = s2 * max;
            }
        }
    }
}
