package org.omeroilastik.internal.repository.omero;

import org.omeroilastik.model.Axis;
import org.omeroilastik.model.AxisOrder;

/**
 * A box of an image (in its descriptor's axis order) seen the way OMERO serves pixels, one plane at
 * a time: start and extent along t, z, c, y and x (in that order; an axis the image lacks starts at 0
 * with extent 1), and where each lands in the box's C-order array.
 *
 * @param at first index along t, z, c, y, x
 * @param n extent along t, z, c, y, x
 * @param stride step in the box's array along t, z, c, y, x (0 for missing axes)
 * @param total samples in the box
 */
record PlaneBox(int[] at, int[] n, long[] stride, long total) {
    private static final Axis[] ORDER = {Axis.T, Axis.Z, Axis.C, Axis.Y, Axis.X};

    static PlaneBox of(AxisOrder axes, long[] offset, long[] count) {
        long total = 1;
        long[] strides = new long[axes.size()];
        for (int i = axes.size() - 1; i >= 0; i--) {
            strides[i] = total;
            total *= count[i];
        }
        int[] at = new int[5];
        int[] n = new int[5];
        long[] stride = new long[5];
        for (int k = 0; k < 5; k++) {
            int i = axes.has(ORDER[k]) ? axes.indexOf(ORDER[k]) : -1;
            at[k] = i < 0 ? 0 : (int) offset[i];
            n[k] = i < 0 ? 1 : (int) count[i];
            stride[k] = i < 0 ? 0 : strides[i];
        }
        return new PlaneBox(at, n, stride, total);
    }

    /** Where plane (t, z, c) of the box starts in its array. */
    long planeStart(int t, int z, int c) {
        return t * stride[0] + z * stride[1] + c * stride[2];
    }
}
