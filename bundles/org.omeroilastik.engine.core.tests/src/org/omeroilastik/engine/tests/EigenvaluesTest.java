package org.omeroilastik.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.omeroilastik.engine.features.Eigenvalues;

class EigenvaluesTest {

    /**
     * Solving many tensors at once (vector sweeps where the Vector API is present) gives, bit for bit,
     * what solving each alone gives (a single sample never fills a vector, so it takes the scalar path):
     * random, degenerate, all-zero, signed-zero and NaN tensors (NaN is NaN, whatever its payload).
     */
    @Test
    void manyAtOnceEqualsOneByOne() {
        int n = 1000 + 13;
        SplittableRandom random = new SplittableRandom(3);
        float[][] a = new float[6][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 6; k++) {
                a[k][i] = switch (i % 7) {
                    case 0 -> 0f;
                    case 1 -> k == 0 || k == 3 || k == 5 ? 2.5f : 0f; // a multiple of the identity
                    case 2 -> -0f;
                    case 3 -> i % 5 == 0 && k == 2 ? Float.NaN : (float) random.nextGaussian() * 1e-3f;
                    default -> (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-3, 4)));
                };
            }
        }
        float[][] many = {new float[n], new float[n], new float[n]};
        Eigenvalues.of3d(a[0], a[1], a[2], a[3], a[4], a[5], many[0], many[1], many[2]);
        float[][] one = {new float[1], new float[1], new float[1]};
        for (int i = 0; i < n; i++) {
            Eigenvalues.of3d(new float[] {a[0][i]}, new float[] {a[1][i]}, new float[] {a[2][i]}, new float[] {a[3][i]},
                    new float[] {a[4][i]}, new float[] {a[5][i]}, one[0], one[1], one[2]);
            for (int e = 0; e < 3; e++) {
                // NaN payloads (the sign of x86's default NaN) may differ between scalar and vector instructions.
                boolean bothNaN = Float.isNaN(one[e][0]) && Float.isNaN(many[e][i]);
                if (!bothNaN) {
                    assertEquals(Float.floatToRawIntBits(one[e][0]), Float.floatToRawIntBits(many[e][i]), "sample " + i + ", eigenvalue " + e);
                }
            }
            if (i % 7 == 4) {
                // ev0 ≥ ev1 ≥ ev2 and their sum is the trace.
                assertEquals(true, many[0][i] >= many[1][i] && many[1][i] >= many[2][i], "order at " + i);
                double trace = a[0][i] + a[3][i] + a[5][i];
                assertEquals(trace, many[0][i] + many[1][i] + many[2][i], 1e-4 * (1 + Math.abs(many[0][i]) + Math.abs(many[2][i])));
            }
        }
    }
}
