package org.omeroilastik.engine.workflows;

import java.util.List;

import org.omeroilastik.engine.features.Volume;
import org.omeroilastik.image.io.NdImage;
import org.omeroilastik.image.io.NdImages;
import org.omeroilastik.model.Axis;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.PixelType;

/** Between image blocks in any axis order and per-channel float32 volumes (z, y, x). */
final class BlockArrays {
    private BlockArrays() {
    }

    static Object allocate(PixelType type, int n) {
        return switch (type) {
            case BOOL, INT8, UINT8 -> new byte[n];
            case INT16, UINT16 -> new short[n];
            case INT32, UINT32 -> new int[n];
            case INT64, UINT64 -> new long[n];
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
        };
    }

    /** Per-axis strides (in elements) of a C-ordered array of {@code shape}. */
    private static long[] strides(long[] shape) {
        long[] s = new long[shape.length];
        long acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** The channels of a one-time-point block as float32 volumes (raw values, not rescaled). */
    static List<Volume> channels(NdImage block) {
        ImageDescriptor d = block.descriptor();
        AxisOrder axes = d.axes();
        long[] shape = d.shape();
        long[] st = strides(shape);
        int nz = (int) d.size(Axis.Z), ny = (int) d.size(Axis.Y), nx = (int) d.size(Axis.X), nc = (int) d.channels();
        long sz = axes.has(Axis.Z) ? st[axes.indexOf(Axis.Z)] : 0;
        long sy = st[axes.indexOf(Axis.Y)];
        long sx = st[axes.indexOf(Axis.X)];
        long sc = axes.has(Axis.C) ? st[axes.indexOf(Axis.C)] : 0;
        Object a = NdImages.toArray(block);
        boolean unsigned = !d.pixelType().isSigned();
        Volume[] out = new Volume[nc];
        for (int c = 0; c < nc; c++) {
            Volume v = Volume.zeros(nz, ny, nx);
            float[] dst = v.data();
            int i = 0;
            for (int z = 0; z < nz; z++) {
                for (int y = 0; y < ny; y++) {
                    long base = c * sc + z * sz + y * sy;
                    for (int x = 0; x < nx; x++) {
                        int idx = (int) (base + x * sx);
                        dst[i++] = switch (a) {
                            case byte[] b -> unsigned ? b[idx] & 0xFF : b[idx];
                            case short[] s -> unsigned ? s[idx] & 0xFFFF : s[idx];
                            case int[] n -> unsigned ? (float) (n[idx] & 0xFFFFFFFFL) : n[idx];
                            case long[] l -> l[idx];
                            case float[] f -> f[idx];
                            case double[] g -> (float) g[idx];
                            default -> throw new IllegalStateException();
                        };
                    }
                }
            }
            out[c] = v;
        }
        return List.of(out);
    }

    /** Writes channel volumes into a new array of {@code type} in {@code axes} order (t extent 1). */
    static Object toArray(List<Volume> channels, AxisOrder axes, PixelType type, long[] shape) {
        long[] st = strides(shape);
        Volume v0 = channels.get(0);
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        Object out = allocate(type, (int) n);
        long sz = axes.has(Axis.Z) ? st[axes.indexOf(Axis.Z)] : 0;
        long sy = st[axes.indexOf(Axis.Y)];
        long sx = st[axes.indexOf(Axis.X)];
        long sc = st[axes.indexOf(Axis.C)];
        for (int c = 0; c < channels.size(); c++) {
            float[] src = channels.get(c).data();
            int i = 0;
            for (int z = 0; z < v0.nz(); z++) {
                for (int y = 0; y < v0.ny(); y++) {
                    long base = c * sc + z * sz + y * sy;
                    for (int x = 0; x < v0.nx(); x++) {
                        int idx = (int) (base + x * sx);
                        float f = src[i++];
                        switch (out) {
                            case float[] a -> a[idx] = f;
                            case byte[] b -> b[idx] = (byte) (int) f;
                            case double[] d -> d[idx] = f;
                            default -> throw new IllegalStateException("unsupported output type " + type);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Copies a C-ordered block of {@code count} into the C-ordered array of {@code shape} at {@code offset}. */
    static void copyInto(Object block, long[] count, Object dst, long[] offset, long[] shape) {
        int rank = shape.length;
        long[] st = strides(shape);
        int row = (int) count[rank - 1];
        long rows = 1;
        for (int i = 0; i < rank - 1; i++) {
            rows *= count[i];
        }
        long[] pos = new long[rank];
        for (long r = 0; r < rows; r++) {
            long t = offset[rank - 1];
            for (int i = 0; i < rank - 1; i++) {
                t += (offset[i] + pos[i]) * st[i];
            }
            System.arraycopy(block, (int) (r * row), dst, (int) t, row);
            for (int i = rank - 2; i >= 0; i--) {
                if (++pos[i] < count[i]) {
                    break;
                }
                pos[i] = 0;
            }
        }
    }
}
