package org.omeroilastik.hdf5;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Values read from (or to be written to) a dataset or attribute: an element type, a shape (empty
 * for scalars) and a Java array holding the elements in C order.
 *
 * <p>The array is {@code byte[]} for 8-bit integers, booleans (0/1), opaque and raw types (then
 * {@code size} bytes per element), {@code short[]}, {@code int[]}, {@code long[]} for wider
 * integers (unsigned values keep their bits), {@code float[]}/{@code double[]} for floats and
 * {@code String[]} for strings.
 */
public final class Hdf5Data {
    private final Hdf5Type type;
    private final long[] shape;
    private final Object array;

    public Hdf5Data(Hdf5Type type, long[] shape, Object array) {
        this.type = Objects.requireNonNull(type, "type");
        this.shape = shape.clone();
        this.array = Objects.requireNonNull(array, "array");
        long expected = elementCount(shape) * (storesBytesPerElement(type) ? type.size() : 1);
        if (java.lang.reflect.Array.getLength(array) != expected) {
            throw new IllegalArgumentException("array of length " + java.lang.reflect.Array.getLength(array)
                    + " does not hold shape " + Arrays.toString(shape) + " of " + type);
        }
    }

    public static Hdf5Data scalar(String value) {
        return new Hdf5Data(Hdf5Type.VARIABLE_STRING, new long[0], new String[] {value});
    }

    public static Hdf5Data strings(List<String> values) {
        return new Hdf5Data(Hdf5Type.VARIABLE_STRING, new long[] {values.size()}, values.toArray(String[]::new));
    }

    public static Hdf5Data of(long[] shape, byte[] values, boolean signed) {
        return new Hdf5Data(Hdf5Type.integer(1, signed), shape, values);
    }

    public static Hdf5Data of(long[] shape, short[] values, boolean signed) {
        return new Hdf5Data(Hdf5Type.integer(2, signed), shape, values);
    }

    public static Hdf5Data of(long[] shape, int[] values, boolean signed) {
        return new Hdf5Data(Hdf5Type.integer(4, signed), shape, values);
    }

    public static Hdf5Data of(long[] shape, long[] values, boolean signed) {
        return new Hdf5Data(Hdf5Type.integer(8, signed), shape, values);
    }

    public static Hdf5Data of(long[] shape, float[] values) {
        return new Hdf5Data(Hdf5Type.floating(4), shape, values);
    }

    public static Hdf5Data of(long[] shape, double[] values) {
        return new Hdf5Data(Hdf5Type.floating(8), shape, values);
    }

    public static Hdf5Data ofBooleans(long[] shape, boolean[] values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) (values[i] ? 1 : 0);
        }
        return new Hdf5Data(Hdf5Type.BOOLEAN, shape, b);
    }

    static boolean storesBytesPerElement(Hdf5Type type) {
        return type.typeClass() == Hdf5Type.TypeClass.OPAQUE || type.typeClass() == Hdf5Type.TypeClass.RAW;
    }

    static long elementCount(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    public Hdf5Type type() {
        return type;
    }

    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Number of elements (1 for a scalar). */
    public long size() {
        return elementCount(shape);
    }

    /** The backing array; see the class comment for its type. Not copied. */
    public Object array() {
        return array;
    }

    /** The single string of a scalar (or one-element) string value; bytes of opaque values as ASCII. */
    public String asString() {
        List<String> all = asStrings();
        if (all.size() != 1) {
            throw new IllegalStateException("expected one string, found " + all.size());
        }
        return all.get(0);
    }

    /** All elements as strings. Numbers are formatted; opaque elements are decoded as UTF-8. */
    public List<String> asStrings() {
        if (array instanceof String[] s) {
            return List.of(s);
        }
        if (storesBytesPerElement(type)) {
            byte[] b = (byte[]) array;
            List<String> out = new ArrayList<>();
            for (int i = 0; i < b.length; i += type.size()) {
                out.add(new String(b, i, type.size(), StandardCharsets.UTF_8));
            }
            return out;
        }
        List<String> out = new ArrayList<>();
        if (type.typeClass() == Hdf5Type.TypeClass.FLOAT) {
            for (double d : asDoubles()) {
                out.add(Double.toString(d));
            }
        } else {
            for (long l : asLongs()) {
                out.add(type.typeClass() == Hdf5Type.TypeClass.BOOLEAN ? Boolean.toString(l != 0) : Long.toString(l));
            }
        }
        return out;
    }

    /** All elements as longs (unsigned 8/16/32-bit values are widened without sign; floats truncated). */
    public long[] asLongs() {
        boolean unsigned = !type.signed() || type.typeClass() == Hdf5Type.TypeClass.BOOLEAN;
        if (array instanceof byte[] b && type.isNumeric()) {
            long[] out = new long[b.length];
            for (int i = 0; i < b.length; i++) {
                out[i] = unsigned ? (b[i] & 0xFFL) : b[i];
            }
            return out;
        } else if (array instanceof short[] s) {
            long[] out = new long[s.length];
            for (int i = 0; i < s.length; i++) {
                out[i] = unsigned ? (s[i] & 0xFFFFL) : s[i];
            }
            return out;
        } else if (array instanceof int[] a) {
            long[] out = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = unsigned ? (a[i] & 0xFFFFFFFFL) : a[i];
            }
            return out;
        } else if (array instanceof long[] l) {
            return l.clone();
        } else if (array instanceof float[] || array instanceof double[]) {
            double[] d = asDoubles();
            long[] out = new long[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = (long) d[i];
            }
            return out;
        }
        throw new IllegalStateException("not numeric: " + type);
    }

    /** All elements as doubles (64-bit unsigned values above 2^63 read as unsigned). */
    public double[] asDoubles() {
        if (array instanceof double[] d) {
            return d.clone();
        } else if (array instanceof float[] f) {
            double[] out = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i];
            }
            return out;
        } else if (array instanceof long[] l && !type.signed()) {
            double[] out = new double[l.length];
            for (int i = 0; i < l.length; i++) {
                out[i] = l[i] >= 0 ? l[i] : (l[i] >>> 1) * 2.0 + (l[i] & 1);
            }
            return out;
        }
        long[] l = asLongs();
        double[] out = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = l[i];
        }
        return out;
    }

    public boolean[] asBooleans() {
        long[] l = asLongs();
        boolean[] out = new boolean[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = l[i] != 0;
        }
        return out;
    }

    public long asLong() {
        long[] l = asLongs();
        if (l.length != 1) {
            throw new IllegalStateException("expected one number, found " + l.length);
        }
        return l[0];
    }

    public double asDouble() {
        double[] d = asDoubles();
        if (d.length != 1) {
            throw new IllegalStateException("expected one number, found " + d.length);
        }
        return d[0];
    }

    @Override
    public String toString() {
        return type + Arrays.toString(shape);
    }
}
