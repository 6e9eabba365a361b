package org.omeroilastik.internal.image.io;

import org.omeroilastik.image.io.NdImage;
import org.omeroilastik.model.Axis;
import org.omeroilastik.model.AxisOrder;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.view.Views;

/** Views an image in another axis order, adding singleton axes it lacks; no pixels are copied. */
final class Reorder {
    private Reorder() {
    }

    /** The pixels of {@code image} as an imglib2 view whose dimensions are {@code target} reversed. */
    static RandomAccessibleInterval<?> toOrder(NdImage image, AxisOrder target) {
        AxisOrder source = image.descriptor().axes();
        for (Axis a : source.axes()) {
            if (!target.has(a)) {
                throw new IllegalArgumentException("axis " + a.key() + " of '" + source + "' is missing from '" + target + "'");
            }
        }
        RandomAccessibleInterval<?> view = image.pixels();
        // Current imglib2 dimension i holds axis current.get(rank-1-i); append singleton axes, then permute.
        java.util.List<Axis> current = new java.util.ArrayList<>(source.axes());
        for (Axis a : target.axes()) {
            if (!current.contains(a)) {
                view = Views.addDimension(view, 0, 0);
                current.add(0, a); // the new imglib2 dimension is the last, i.e. the slowest axis
            }
        }
        int n = current.size();
        for (int want = 0; want < n; want++) {
            Axis axis = target.get(n - 1 - want);
            int have = n - 1 - current.indexOf(axis);
            if (have != want) {
                view = Views.permute(view, have, want);
                Axis moved = current.get(n - 1 - want);
                current.set(n - 1 - want, axis);
                current.set(n - 1 - have, moved);
            }
        }
        return view;
    }
}
