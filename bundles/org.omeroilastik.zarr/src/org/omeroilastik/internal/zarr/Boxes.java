package org.omeroilastik.internal.zarr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.omeroilastik.model.PixelType;

/** Copies between a chunk's bytes and a primitive array holding a box, one innermost-axis run at a time. */
public final class Boxes {
    private Boxes() {
    }

    /** Receives one run: {@code len} items from item {@code chunkIndex} of the chunk and item {@code boxIndex} of the box. */
    @FunctionalInterface
    public interface Run {
        void copy(int chunkIndex, int boxIndex, int len);
    }

    /**
     * Calls {@code run} for every innermost-axis run of the intersection of the chunk at
     * {@code chunkOrigin} (shape {@code chunks}) with the box {@code offset}+{@code count}; both are
     * in C order. Nothing happens when they do not meet.
     */
    public static void forEachRun(long[] chunkOrigin, int[] chunks, long[] offset, long[] count, Run run) {
        int n = chunks.length;
        long[] lo = new long[n];
        long[] hi = new long[n];
        for (int d = 0; d < n; d++) {
            lo[d] = Math.max(chunkOrigin[d], offset[d]);
            hi[d] = Math.min(chunkOrigin[d] + chunks[d], offset[d] + count[d]);
            if (lo[d] >= hi[d]) {
                return;
            }
        }
        long[] chunkStride = new long[n];
        long[] boxStride = new long[n];
        long cs = 1;
        long bs = 1;
        for (int d = n - 1; d >= 0; d--) {
            chunkStride[d] = cs;
            boxStride[d] = bs;
            cs *= chunks[d];
            bs *= count[d];
        }
        int len = (int) (hi[n - 1] - lo[n - 1]);
        long[] pos = lo.clone();
        while (true) {
            long ci = 0;
            long bi = 0;
            for (int d = 0; d < n; d++) {
                ci += (pos[d] - chunkOrigin[d]) * chunkStride[d];
                bi += (pos[d] - offset[d]) * boxStride[d];
            }
            run.copy((int) ci, (int) bi, len);
            int d = n - 2;
            while (d >= 0) {
                if (++pos[d] < hi[d]) {
                    break;
                }
                pos[d] = lo[d];
                d--;
            }
            if (d < 0) {
                return;
            }
        }
    }

    /** A primitive array for {@code type}: byte[], short[], int[], long[], float[] or double[]. */
    public static Object allocate(PixelType type, int length) {
        return switch (type) {
            case BOOL, INT8, UINT8 -> new byte[length];
            case INT16, UINT16 -> new short[length];
            case INT32, UINT32 -> new int[length];
            case INT64, UINT64 -> new long[length];
            case FLOAT32 -> new float[length];
            case FLOAT64 -> new double[length];
        };
    }

    /** Copies {@code len} items from chunk bytes (items in {@code order}) into {@code box}. */
    public static void read(byte[] chunk, ByteOrder order, Object box, int chunkIndex, int boxIndex, int len) {
        ByteBuffer bb = ByteBuffer.wrap(chunk).order(order);
        switch (box) {
            case byte[] a -> System.arraycopy(chunk, chunkIndex, a, boxIndex, len);
            case short[] a -> bb.asShortBuffer().get(chunkIndex, a, boxIndex, len);
            case int[] a -> bb.asIntBuffer().get(chunkIndex, a, boxIndex, len);
            case long[] a -> bb.asLongBuffer().get(chunkIndex, a, boxIndex, len);
            case float[] a -> bb.asFloatBuffer().get(chunkIndex, a, boxIndex, len);
            case double[] a -> bb.asDoubleBuffer().get(chunkIndex, a, boxIndex, len);
            default -> throw new IllegalArgumentException("not a pixel array: " + box.getClass());
        }
    }

    /** Copies {@code len} items from {@code box} into chunk bytes. */
    public static void write(Object box, byte[] chunk, ByteOrder order, int chunkIndex, int boxIndex, int len) {
        ByteBuffer bb = ByteBuffer.wrap(chunk).order(order);
        switch (box) {
            case byte[] a -> System.arraycopy(a, boxIndex, chunk, chunkIndex, len);
            case short[] a -> bb.asShortBuffer().put(chunkIndex, a, boxIndex, len);
            case int[] a -> bb.asIntBuffer().put(chunkIndex, a, boxIndex, len);
            case long[] a -> bb.asLongBuffer().put(chunkIndex, a, boxIndex, len);
            case float[] a -> bb.asFloatBuffer().put(chunkIndex, a, boxIndex, len);
            case double[] a -> bb.asDoubleBuffer().put(chunkIndex, a, boxIndex, len);
            default -> throw new IllegalArgumentException("not a pixel array: " + box.getClass());
        }
    }

    /** Sets items {@code from}..{@code from+len} of {@code box} to {@code fill} (a Long or Double). */
    public static void fill(Object box, int from, int len, Number fill) {
        int to = from + len;
        switch (box) {
            case byte[] a -> Arrays.fill(a, from, to, fill.byteValue());
            case short[] a -> Arrays.fill(a, from, to, fill.shortValue());
            case int[] a -> Arrays.fill(a, from, to, fill.intValue());
            case long[] a -> Arrays.fill(a, from, to, fill.longValue());
            case float[] a -> Arrays.fill(a, from, to, fill.floatValue());
            case double[] a -> Arrays.fill(a, from, to, fill.doubleValue());
            default -> throw new IllegalArgumentException("not a pixel array: " + box.getClass());
        }
    }

    /** Whether {@code fill} is all-zero bits (a fresh array already holds it). */
    public static boolean isZero(Number fill) {
        return fill instanceof Double d ? Double.doubleToRawLongBits(d) == 0 : fill.longValue() == 0;
    }

    /** A chunk's bytes with every item set to {@code fill}. */
    public static byte[] filledChunk(PixelType type, ByteOrder order, int items, Number fill) {
        byte[] chunk = new byte[items * type.bytes()];
        if (!isZero(fill)) {
            Object one = allocate(type, items);
            fill(one, 0, items, fill);
            write(one, chunk, order, 0, 0, items);
        }
        return chunk;
    }
}
