package org.omeroilastik.internal.repository.omero;

import java.util.Arrays;

import org.omeroilastik.model.AxisOrder;

/** A box (a primitive array in C order) copied from one axis order into another; axes one has and the other lacks have size 1. */
final class Transpose {
    private Transpose() {
    }

    /**
     * The box {@code src} (axes {@code srcAxes}, sizes {@code srcCount}) in the order {@code dstAxes}
     * with sizes {@code dstCount}; {@code src} itself when nothing moves.
     */
    static Object reorder(Object src, AxisOrder srcAxes, long[] srcCount, AxisOrder dstAxes, long[] dstCount) {
        int n = dstAxes.size();
        long[] srcStride = new long[srcAxes.size()];
        long s = 1;
        for (int i = srcAxes.size() - 1; i >= 0; i--) {
            srcStride[i] = s;
            s *= srcCount[i];
        }
        long[] stride = new long[n];
        long total = 1;
        for (int d = 0; d < n; d++) {
            int i = srcAxes.has(dstAxes.get(d)) ? srcAxes.indexOf(dstAxes.get(d)) : -1;
            if (i < 0 && dstCount[d] != 1 || i >= 0 && srcCount[i] != dstCount[d]) {
                throw new IllegalArgumentException("box " + srcAxes + Arrays.toString(srcCount) + " is not " + dstAxes + Arrays.toString(dstCount));
            }
            stride[d] = i < 0 ? 0 : srcStride[i];
            total *= dstCount[d];
        }
        for (int i = 0; i < srcAxes.size(); i++) {
            if (!dstAxes.has(srcAxes.get(i)) && srcCount[i] != 1) {
                throw new IllegalArgumentException("box " + srcAxes + Arrays.toString(srcCount) + " is not " + dstAxes + Arrays.toString(dstCount));
            }
        }
        if (total != s) {
            throw new IllegalArgumentException("box " + srcAxes + Arrays.toString(srcCount) + " is not " + dstAxes + Arrays.toString(dstCount));
        }
        // Nothing moves when the source strides are the destination's C-order strides.
        boolean same = true;
        long expect = 1;
        for (int d = n - 1; d >= 0; d--) {
            same &= dstCount[d] == 1 || stride[d] == expect;
            expect *= dstCount[d];
        }
        if (same) {
            return src;
        }
        Object dst = java.lang.reflect.Array.newInstance(src.getClass().getComponentType(), (int) total);
        int inner = (int) dstCount[n - 1];
        int step = (int) stride[n - 1];
        long[] index = new long[n];
        int out = 0;
        while (out < total) {
            long from = 0;
            for (int d = 0; d < n - 1; d++) {
                from += index[d] * stride[d];
            }
            copyRow(src, (int) from, step, dst, out, inner);
            out += inner;
            for (int d = n - 2; d >= 0; d--) {
                if (++index[d] < dstCount[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        return dst;
    }

    private static void copyRow(Object src, int from, int step, Object dst, int to, int n) {
        if (step == 1) {
            System.arraycopy(src, from, dst, to, n);
            return;
        }
        switch (src) {
            case byte[] a -> {
                byte[] b = (byte[]) dst;
                for (int k = 0; k < n; k++) {
                    b[to + k] = a[from + k * step];
                }
            }
            case short[] a -> {
                short[] b = (short[]) dst;
                for (int k = 0; k < n; k++) {
                    b[to + k] = a[from + k * step];
                }
            }
            case int[] a -> {
                int[] b = (int[]) dst;
                for (int k = 0; k < n; k++) {
                    b[to + k] = a[from + k * step];
                }
            }
            case float[] a -> {
                float[] b = (float[]) dst;
                for (int k = 0; k < n; k++) {
                    b[to + k] = a[from + k * step];
                }
            }
            case long[] a -> {
                long[] b = (long[]) dst;
                for (int k = 0; k < n; k++) {
                    b[to + k] = a[from + k * step];
                }
            }
            case double[] a -> {
                double[] b = (double[]) dst;
                for (int k = 0; k < n; k++) {
                    b[to + k] = a[from + k * step];
                }
            }
            default -> throw new IllegalArgumentException(src.getClass().getName());
        }
    }
}
