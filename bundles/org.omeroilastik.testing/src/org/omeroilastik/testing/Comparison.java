package org.omeroilastik.testing;

import java.util.Locale;

import org.omeroilastik.image.io.NdImage;

import net.imglib2.Cursor;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * Our output against real ilastik's, with ilastik's own cross-architecture tolerance: fewer than
 * 0.1 % of values off by ≥ 0.015 and none by ≥ 0.15 (cases.json's "ilastik-cross").
 *
 * @param exact values equal bit for bit
 * @param argmaxAgreement share of pixels whose most probable class agrees
 */
public record Comparison(int values, int exact, float maxDiff, int over015, int over15, double argmaxAgreement) {

    public boolean withinIlastikCross() {
        return over015 < values * 0.001 && over15 == 0;
    }

    /** Compares two probability arrays with {@code classes} values per pixel (channel last). */
    public static Comparison of(float[] expected, float[] actual, int classes) {
        if (expected.length != actual.length) {
            throw new AssertionError("got " + actual.length + " values, expected " + expected.length);
        }
        int exact = 0, a = 0, b = 0, agree = 0;
        float max = 0;
        for (int i = 0; i < expected.length; i++) {
            float d = Math.abs(expected[i] - actual[i]);
            exact += Float.floatToIntBits(expected[i]) == Float.floatToIntBits(actual[i]) ? 1 : 0;
            max = Math.max(max, d);
            a += d >= 0.015f ? 1 : 0;
            b += d >= 0.15f ? 1 : 0;
        }
        int pixels = expected.length / classes;
        for (int p = 0; p < pixels; p++) {
            agree += argmax(expected, p * classes, classes) == argmax(actual, p * classes, classes) ? 1 : 0;
        }
        return new Comparison(expected.length, exact, max, a, b, agree / (double) pixels);
    }

    private static int argmax(float[] v, int from, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (v[from + i] > v[from + best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d values: max abs diff %.3g, %.4f %% >= 0.015, %d >= 0.15, argmax agreement %.4f %%, %d bit-identical",
                values, maxDiff, 100.0 * over015 / values, over15, 100 * argmaxAgreement, exact);
    }

    /** All values of an image in C order, as floats. */
    public static float[] floats(NdImage image) {
        float[] out = new float[(int) image.descriptor().elementCount()];
        Cursor<?> c = Views.flatIterable(image.pixels()).cursor();
        int i = 0;
        while (c.hasNext()) {
            out[i++] = ((RealType<?>) c.next()).getRealFloat();
        }
        return out;
    }
}
