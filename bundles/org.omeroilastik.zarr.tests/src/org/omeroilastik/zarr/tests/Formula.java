package org.omeroilastik.zarr.tests;

import java.util.Arrays;

import org.omeroilastik.model.PixelType;

/**
 * The values test arrays hold, computed the same way here and in Python ({@link #PYTHON}): item
 * {@code lin} (C-order index) gets a smooth value, or in every fourth run of 64 items a hashed one,
 * so chunks have both matches and incompressible stretches; each dtype maps it into its range.
 */
final class Formula {
    /** The Python side: {@code values(dtype, shape)} gives the numpy array. */
    static final String PYTHON = """
            import numpy as np
            def raw(lin):
                lin = lin.astype(np.int64)
                h = (lin * 2654435761 + 12345) % (1 << 32)
                smooth = (lin // 3) % 1000 + (lin % 7) * 1000
                return np.where((lin // 64) % 4 == 3, h >> 4, smooth)
            def values(dtype, shape):
                r = raw(np.arange(int(np.prod(shape)), dtype=np.int64)).reshape(shape)
                k = dtype[1:]
                if k == 'u1': v = r % 251
                elif k == 'i1': v = r % 251 - 125
                elif k == 'u2': v = r % 65521
                elif k == 'i2': v = r % 60001 - 30000
                elif k == 'u4': v = r * 3
                elif k == 'i4': v = r - 100000
                elif k == 'u8': v = r * 1000003
                elif k == 'i8': v = r * 1000003 - (1 << 40)
                elif k == 'f4': v = (r % 4096) * 0.25 - 512.0
                elif k == 'f8': v = (r % 1048576) * 0.125 - 1000.0
                return v.astype(dtype)
            """;

    private Formula() {
    }

    static long raw(long lin) {
        long h = (lin * 2654435761L + 12345) & 0xffffffffL;
        long smooth = (lin / 3) % 1000 + (lin % 7) * 1000;
        return (lin / 64) % 4 == 3 ? h >> 4 : smooth;
    }

    /** The value of item {@code lin} for dtype kind {@code kind} ("u2", "f4" ...), as a double (exact for all but u8/i8). */
    static double value(String kind, long lin) {
        long r = raw(lin);
        return switch (kind) {
            case "u1" -> r % 251;
            case "i1" -> r % 251 - 125;
            case "u2" -> r % 65521;
            case "i2" -> r % 60001 - 30000;
            case "u4" -> r * 3;
            case "i4" -> r - 100000;
            case "u8" -> r * 1000003;
            case "i8" -> r * 1000003 - (1L << 40);
            case "f4" -> (r % 4096) * 0.25 - 512.0;
            case "f8" -> (r % 1048576) * 0.125 - 1000.0;
            default -> throw new IllegalArgumentException(kind);
        };
    }

    static String kind(PixelType t) {
        char k = t.isFloatingPoint() ? 'f' : t.isSigned() ? 'i' : 'u';
        return "" + k + t.bytes();
    }

    /** A primitive array of {@code n} items of {@code type} with the formula's values. */
    static Object array(PixelType type, int n) {
        String kind = kind(type);
        Object a = switch (type.bytes()) {
            case 1 -> new byte[n];
            case 2 -> new short[n];
            case 4 -> type.isFloatingPoint() ? new float[n] : new int[n];
            default -> type.isFloatingPoint() ? new double[n] : new long[n];
        };
        for (int i = 0; i < n; i++) {
            double v = value(kind, i);
            long l = (long) v;
            switch (a) {
                case byte[] b -> b[i] = (byte) l;
                case short[] s -> s[i] = (short) l;
                case int[] x -> x[i] = (int) l;
                case long[] x -> x[i] = kind.equals("u8") || kind.equals("i8") ? exactLong(kind, i) : l;
                case float[] f -> f[i] = (float) v;
                case double[] d -> d[i] = v;
                default -> throw new IllegalStateException();
            }
        }
        return a;
    }

    private static long exactLong(String kind, long lin) {
        long r = raw(lin);
        return kind.equals("u8") ? r * 1000003 : r * 1000003 - (1L << 40);
    }

    /** Item {@code i} of a box as a double, unsigned types read unsigned. */
    static double get(Object a, int i, boolean unsigned) {
        return switch (a) {
            case byte[] b -> unsigned ? b[i] & 0xff : b[i];
            case short[] s -> unsigned ? s[i] & 0xffff : s[i];
            case int[] x -> unsigned ? x[i] & 0xffffffffL : x[i];
            case long[] x -> x[i];
            case float[] f -> f[i];
            case double[] d -> d[i];
            default -> throw new IllegalStateException();
        };
    }

    static boolean same(double a, double b) {
        return a == b || (Double.isNaN(a) && Double.isNaN(b));
    }

    /** Index tuple of C-order item {@code lin} in {@code shape}. */
    static long[] position(long lin, long[] shape) {
        long[] p = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            p[d] = lin % shape[d];
            lin /= shape[d];
        }
        return p;
    }

    static long linear(long[] pos, long[] shape) {
        long lin = 0;
        for (int d = 0; d < shape.length; d++) {
            lin = lin * shape[d] + pos[d];
        }
        return lin;
    }

    static void fail(String what, long[] pos, double expected, double actual) {
        org.junit.jupiter.api.Assertions.fail(what + " at " + Arrays.toString(pos) + ": expected " + expected + ", got " + actual);
    }
}
