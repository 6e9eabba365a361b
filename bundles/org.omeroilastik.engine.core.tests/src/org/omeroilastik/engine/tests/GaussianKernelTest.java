package org.omeroilastik.engine.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.omeroilastik.engine.features.GaussianKernel;
import org.omeroilastik.engine.features.SeparableConvolution;
import org.omeroilastik.engine.features.Volume;

/** Invariants of the kernels and the convolution; conformance with ilastik is tested in the workflows tests. */
class GaussianKernelTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 0.7, 1.0, 1.6, 3.5, 5.0, 10.0})
    void kernelsHaveFastfiltersRadiiAndMoments(double sigma) {
        GaussianKernel g0 = GaussianKernel.of(0, sigma, 3.5f);
        assertEquals((int) Math.floor(3.5 * sigma + 0.5), g0.radius());
        double sum = g0.coefficients()[0];
        for (int k = 1; k <= g0.radius(); k++) {
            sum += 2 * g0.coefficients()[k];
        }
        assertEquals(1.0, sum, 1e-6);
        // Order 2: the second moment is 2 (a parabola x² has second derivative 2), the mean is removed.
        GaussianKernel g2 = GaussianKernel.of(2, sigma, 2f);
        double m0 = g2.coefficients()[0];
        double m2 = 0;
        for (int k = 1; k <= g2.radius(); k++) {
            m0 += 2 * g2.coefficients()[k];
            m2 += 2 * g2.coefficients()[k] * k * k;
        }
        assertEquals(0, m0, 1e-6);
        assertEquals(2, m2, 1e-5);
    }

    @Test
    void firstDerivativeOfARampIsItsSlopeAwayFromBorders() {
        int n = 64;
        float[] ramp = new float[n];
        for (int i = 0; i < n; i++) {
            ramp[i] = 3 * i;
        }
        Volume out = Volume.zeros(1, 1, n);
        SeparableConvolution.convolve(new Volume(1, 1, n, ramp), out, 2, GaussianKernel.of(1, 1.6, 2f));
        for (int i = 8; i < n - 8; i++) {
            assertEquals(3.0, Math.abs(out.data()[i]), 1e-4);
        }
    }

    @Test
    void reflect101BordersAndDirac() {
        // A Dirac at the first sample reflects without repeating the edge: out[k] = c[k] + (k mirrored into the line).
        float[] line = new float[16];
        line[0] = 1;
        GaussianKernel g = GaussianKernel.of(0, 1.0, 3.5f);
        Volume out = Volume.zeros(1, 1, 16);
        SeparableConvolution.convolve(new Volume(1, 1, 16, line), out, 2, g);
        float[] c = g.coefficients();
        float[] want = new float[16];
        for (int i = 0; i < 16; i++) {
            want[i] = i <= g.radius() ? c[i] : 0;
        }
        assertArrayEquals(want, out.data());
        // Along y the same kernel gives the same values.
        Volume col = Volume.zeros(1, 16, 1);
        SeparableConvolution.convolve(new Volume(1, 16, 1, line.clone()), col, 1, g);
        assertArrayEquals(want, col.data());
    }

    /**
     * Every pass, whatever way its loops are arranged, equals the per-sample definition bit for bit:
     * acc = c0·v[i], then acc = fma(v[i+k] ± v[i−k], c_k, acc) for k = 1..r, reflect-101 at the borders
     * (repeatedly, for kernels longer than the line).
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.15, 0.3, 0.7, 1.0, 1.6, 3.5, 5.0, 10.0})
    void everyPassEqualsThePerSampleDefinition(double sigma) {
        int nz = 7, ny = 13, nx = 37; // rows longer than one 16-lane vector, with a remainder
        java.util.SplittableRandom random = new java.util.SplittableRandom(Double.hashCode(sigma));
        float[] v = new float[nz * ny * nx];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextDouble() * 200 - 50);
        }
        Volume in = new Volume(nz, ny, nx, v);
        for (float window : new float[] {2f, 3.5f}) {
            for (int order = 0; order <= 2; order++) {
                GaussianKernel g = GaussianKernel.of(order, sigma, window);
                for (int axis = 0; axis < 3; axis++) {
                    float[] want = definition(in, axis, g);
                    // Both paths: the vector lanes (the test runtime has the module) and the scalar fallback.
                    for (boolean lanes : new boolean[] {true, false}) {
                        Volume out = Volume.zeros(nz, ny, nx);
                        SeparableConvolution.convolve(in, out, axis, g, lanes);
                        for (int i = 0; i < want.length; i++) {
                            if (Float.floatToRawIntBits(want[i]) != Float.floatToRawIntBits(out.data()[i])) {
                                throw new AssertionError((lanes ? "lanes" : "scalar") + ": order " + order + ", sigma " + sigma + ", window "
                                        + window + ", axis " + axis + ", sample " + i + ": " + out.data()[i] + " instead of " + want[i]);
                            }
                        }
                    }
                }
            }
        }
    }

    private static float[] definition(Volume in, int axis, GaussianKernel g) {
        int[] n = {in.nz(), in.ny(), in.nx()};
        float[] c = g.coefficients();
        float[] out = new float[in.size()];
        int[] at = new int[3];
        for (at[0] = 0; at[0] < n[0]; at[0]++) {
            for (at[1] = 0; at[1] < n[1]; at[1]++) {
                for (at[2] = 0; at[2] < n[2]; at[2]++) {
                    int i = at[axis];
                    float acc = c[0] * sample(in, at, axis, i);
                    for (int k = 1; k <= g.radius(); k++) {
                        float plus = sample(in, at, axis, mirror(i + k, n[axis]));
                        float minus = sample(in, at, axis, mirror(i - k, n[axis]));
                        acc = Math.fma(g.symmetric() ? plus + minus : plus - minus, c[k], acc);
                    }
                    out[(at[0] * n[1] + at[1]) * n[2] + at[2]] = acc;
                }
            }
        }
        return out;
    }

    private static float sample(Volume in, int[] at, int axis, int i) {
        int[] p = at.clone();
        p[axis] = i;
        return in.get(p[0], p[1], p[2]);
    }

    /** Reflect-101, one bounce at a time. */
    private static int mirror(int i, int n) {
        while (i < 0 || i >= n) {
            i = i < 0 ? -i : 2 * (n - 1) - i;
        }
        return i;
    }

    @Test
    void filtersRunOnVectorLanesInTheTestRuntime() {
        // The test runtime adds jdk.incubator.vector as the launchers do; without it the definition test
        // above would only cover the scalar fallback.
        assertEquals(true, org.omeroilastik.engine.features.Simd.enabled(),
                "jdk.incubator.vector is missing or cannot be linked from the bundle");
    }

    @Test
    void rejectsInvalidOrders() {
        assertThrows(IllegalArgumentException.class, () -> GaussianKernel.of(3, 1.0, 2f));
        assertThrows(IllegalArgumentException.class, () -> GaussianKernel.of(0, -1.0, 2f));
    }
}
