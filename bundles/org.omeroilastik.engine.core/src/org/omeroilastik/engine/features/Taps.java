package org.omeroilastik.engine.features;

/**
 * The inner loop of every convolution pass: out[i] = c0·v0[i], then acc = fma(vk+[i] ± vk−[i], c_k, acc)
 * for k = 1..r, in that order (fastfilters' FMA path). Runs on {@link VectorTaps} when the Vector API
 * is there; this scalar fallback applies up to four taps in one sweep over the row, each still
 * rounding in sequence, so the accumulator is loaded and stored once per four taps instead of once
 * per tap (the JIT does not vectorise these loops, see {@link VectorTaps}).
 *
 * <p>An antisymmetric kernel's v+ − v− is computed as v+ + (−1)·v−: negation is exact and IEEE
 * defines a − b as a + (−b), so one loop serves both kinds bit for bit.
 */
final class Taps {
    private Taps() {
    }

    /**
     * Applies {@code kernel} to one row of {@code len} samples: tap k reads {@code src} from
     * {@code plus[k]} and {@code minus[k]} (tap 0 from {@code plus[0]}), the result goes to
     * {@code out[at..at+len)}; on {@link VectorTaps} if {@code vectorLanes}.
     */
    static void apply(float[] src, int[] plus, int[] minus, GaussianKernel kernel, float[] out, int at, int len, boolean vectorLanes) {
        if (vectorLanes) {
            VectorTaps.apply(src, plus, minus, kernel, out, at, len);
            return;
        }
        float[] c = kernel.coefficients();
        int r = kernel.radius();
        float sign = kernel.symmetric() ? 1f : -1f;
        int k = Math.min(r, 3);
        first(src, plus, minus, c, sign, k, out, at, len);
        k++;
        while (k <= r) {
            int n = Math.min(4, r - k + 1);
            more(src, plus, minus, c, sign, k, n, out, at, len);
            k += n;
        }
    }

    /** Tap 0 and taps 1..n (n ≤ 3). */
    private static void first(float[] s, int[] p, int[] m, float[] c, float sign, int n, float[] out, int at, int len) {
        int o = p[0];
        float c0 = c[0];
        switch (n) {
            case 0 -> {
                for (int i = 0; i < len; i++) {
                    out[at + i] = c0 * s[o + i];
                }
            }
            case 1 -> {
                int p1 = p[1], m1 = m[1];
                float c1 = c[1];
                for (int i = 0; i < len; i++) {
                    out[at + i] = Math.fma(s[p1 + i] + sign * s[m1 + i], c1, c0 * s[o + i]);
                }
            }
            case 2 -> {
                int p1 = p[1], m1 = m[1], p2 = p[2], m2 = m[2];
                float c1 = c[1], c2 = c[2];
                for (int i = 0; i < len; i++) {
                    float a = Math.fma(s[p1 + i] + sign * s[m1 + i], c1, c0 * s[o + i]);
                    out[at + i] = Math.fma(s[p2 + i] + sign * s[m2 + i], c2, a);
                }
            }
            default -> {
                int p1 = p[1], m1 = m[1], p2 = p[2], m2 = m[2], p3 = p[3], m3 = m[3];
                float c1 = c[1], c2 = c[2], c3 = c[3];
                for (int i = 0; i < len; i++) {
                    float a = Math.fma(s[p1 + i] + sign * s[m1 + i], c1, c0 * s[o + i]);
                    a = Math.fma(s[p2 + i] + sign * s[m2 + i], c2, a);
                    out[at + i] = Math.fma(s[p3 + i] + sign * s[m3 + i], c3, a);
                }
            }
        }
    }

    /** Taps k..k+n-1 (n ≤ 4) added to what {@code out} holds. */
    private static void more(float[] s, int[] p, int[] m, float[] c, float sign, int k, int n, float[] out, int at, int len) {
        int p1 = p[k], m1 = m[k];
        float c1 = c[k];
        switch (n) {
            case 1 -> {
                for (int i = 0; i < len; i++) {
                    out[at + i] = Math.fma(s[p1 + i] + sign * s[m1 + i], c1, out[at + i]);
                }
            }
            case 2 -> {
                int p2 = p[k + 1], m2 = m[k + 1];
                float c2 = c[k + 1];
                for (int i = 0; i < len; i++) {
                    float a = Math.fma(s[p1 + i] + sign * s[m1 + i], c1, out[at + i]);
                    out[at + i] = Math.fma(s[p2 + i] + sign * s[m2 + i], c2, a);
                }
            }
            case 3 -> {
                int p2 = p[k + 1], m2 = m[k + 1], p3 = p[k + 2], m3 = m[k + 2];
                float c2 = c[k + 1], c3 = c[k + 2];
                for (int i = 0; i < len; i++) {
                    float a = Math.fma(s[p1 + i] + sign * s[m1 + i], c1, out[at + i]);
                    a = Math.fma(s[p2 + i] + sign * s[m2 + i], c2, a);
                    out[at + i] = Math.fma(s[p3 + i] + sign * s[m3 + i], c3, a);
                }
            }
            default -> {
                int p2 = p[k + 1], m2 = m[k + 1], p3 = p[k + 2], m3 = m[k + 2], p4 = p[k + 3], m4 = m[k + 3];
                float c2 = c[k + 1], c3 = c[k + 2], c4 = c[k + 3];
                for (int i = 0; i < len; i++) {
                    float a = Math.fma(s[p1 + i] + sign * s[m1 + i], c1, out[at + i]);
                    a = Math.fma(s[p2 + i] + sign * s[m2 + i], c2, a);
                    a = Math.fma(s[p3 + i] + sign * s[m3 + i], c3, a);
                    out[at + i] = Math.fma(s[p4 + i] + sign * s[m4 + i], c4, a);
                }
            }
        }
    }
}
