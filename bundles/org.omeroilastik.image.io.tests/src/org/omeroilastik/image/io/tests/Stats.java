package org.omeroilastik.image.io.tests;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/** Sum, first and last value in numpy (C) order of an image, and its values as floats. */
final class Stats {
    private Stats() {
    }

    static double[] of(RandomAccessibleInterval<?> image) {
        double sum = 0;
        double first = Double.NaN;
        double last = Double.NaN;
        Cursor<?> c = Views.flatIterable(image).cursor();
        while (c.hasNext()) {
            double v = ((RealType<?>) c.next()).getRealDouble();
            if (Double.isNaN(first)) {
                first = v;
            }
            last = v;
            sum += v;
        }
        return new double[] {sum, first, last};
    }

    static float[] floats(RandomAccessibleInterval<?> image) {
        long n = Views.flatIterable(image).size();
        float[] out = new float[(int) n];
        Cursor<?> c = Views.flatIterable(image).cursor();
        int i = 0;
        while (c.hasNext()) {
            out[i++] = ((RealType<?>) c.next()).getRealFloat();
        }
        return out;
    }
}
