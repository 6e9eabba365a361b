package org.omeroilastik.internal.hdf5;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.omeroilastik.hdf5.Hdf5Type;

/** Turns element bytes as stored in a file (given byte order) into the Java arrays of Hdf5Data. */
public final class RawCodec {
    private RawCodec() {
    }

    public static Object decode(byte[] raw, Hdf5Type type, ByteOrder order) {
        ByteBuffer buf = ByteBuffer.wrap(raw).order(order);
        int n = raw.length / Math.max(1, type.size());
        switch (type.typeClass()) {
            case INTEGER, BOOLEAN:
                switch (type.size()) {
                    case 1:
                        return raw;
                    case 2: {
                        short[] out = new short[n];
                        buf.asShortBuffer().get(out);
                        return out;
                    }
                    case 4: {
                        int[] out = new int[n];
                        buf.asIntBuffer().get(out);
                        return out;
                    }
                    case 8: {
                        long[] out = new long[n];
                        buf.asLongBuffer().get(out);
                        return out;
                    }
                    default:
                        throw new IllegalArgumentException("unsupported integer size " + type.size());
                }
            case FLOAT:
                if (type.size() == 4) {
                    float[] out = new float[n];
                    buf.asFloatBuffer().get(out);
                    return out;
                } else if (type.size() == 8) {
                    double[] out = new double[n];
                    buf.asDoubleBuffer().get(out);
                    return out;
                }
                throw new IllegalArgumentException("unsupported float size " + type.size());
            default:
                return raw;
        }
    }
}
