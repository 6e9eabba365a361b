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

    @Test
    void rejectsInvalidOrders() {
        assertThrows(IllegalArgumentException.class, () -> GaussianKernel.of(3, 1.0, 2f));
        assertThrows(IllegalArgumentException.class, () -> GaussianKernel.of(0, -1.0, 2f));
    }
}
