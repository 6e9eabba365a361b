package org.omeroilastik.internal.repository.omero;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.omeroilastik.model.PixelType;

/** Java arrays for pixel types, and big-endian tiles copied into them. */
final class PixelArrays {
    private PixelArrays() {
    }

    static Object allocate(PixelType type, int n) {
        return switch (type.bytes()) {
            case 1 -> new byte[n];
            case 2 -> new short[n];
            case 4 -> type.isFloatingPoint() ? new float[n] : new int[n];
            default -> type.isFloatingPoint() ? new double[n] : new long[n];
        };
    }

    /** Copies a w × h tile of big-endian samples into {@code out} at {@code base}, rows {@code rowStride} and pixels {@code xStride} apart. */
    static void copyBigEndian(byte[] tile, PixelType type, int w, int h, Object out, long base, long rowStride, long xStride) {
        ByteBuffer b = ByteBuffer.wrap(tile).order(ByteOrder.BIG_ENDIAN);
        int k = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++, k++) {
                int i = (int) (base + y * rowStride + x * xStride);
                switch (out) {
                    case byte[] a -> a[i] = tile[k];
                    case short[] a -> a[i] = b.getShort(2 * k);
                    case float[] a -> a[i] = b.getFloat(4 * k);
                    case int[] a -> a[i] = b.getInt(4 * k);
                    case double[] a -> a[i] = b.getDouble(8 * k);
                    case long[] a -> a[i] = b.getLong(8 * k);
                    default -> throw new IllegalArgumentException(out.getClass().getName());
                }
            }
        }
    }
}
