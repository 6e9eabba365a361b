package org.omeroilastik.internal.image.io;

import org.omeroilastik.model.PixelType;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ByteType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.LongType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedIntType;
import net.imglib2.type.numeric.integer.UnsignedLongType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/** Between primitive arrays in numpy (C) order and imglib2 images, without copying where possible. */
public final class ImgArrays {
    private ImgArrays() {
    }

    /** The Java array type that holds {@code type}: byte[], short[], int[], long[], float[] or double[]. */
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

    /** Wraps {@code array} (C order for {@code numpyShape}) as an imglib2 image with reversed dimensions. */
    public static ArrayImg<?, ?> wrap(PixelType type, Object array, long[] numpyShape) {
        long[] dims = reversed(numpyShape);
        return switch (type) {
            case BOOL, UINT8 -> ArrayImgs.unsignedBytes((byte[]) array, dims);
            case INT8 -> ArrayImgs.bytes((byte[]) array, dims);
            case UINT16 -> ArrayImgs.unsignedShorts((short[]) array, dims);
            case INT16 -> ArrayImgs.shorts((short[]) array, dims);
            case UINT32 -> ArrayImgs.unsignedInts((int[]) array, dims);
            case INT32 -> ArrayImgs.ints((int[]) array, dims);
            case UINT64 -> ArrayImgs.unsignedLongs((long[]) array, dims);
            case INT64 -> ArrayImgs.longs((long[]) array, dims);
            case FLOAT32 -> ArrayImgs.floats((float[]) array, dims);
            case FLOAT64 -> ArrayImgs.doubles((double[]) array, dims);
        };
    }

    /** The pixel type of an imglib2 image's element type. */
    public static PixelType pixelType(RandomAccessibleInterval<?> image) {
        Object t = image.getType();
        if (t instanceof UnsignedByteType) {
            return PixelType.UINT8;
        } else if (t instanceof ByteType) {
            return PixelType.INT8;
        } else if (t instanceof UnsignedShortType) {
            return PixelType.UINT16;
        } else if (t instanceof ShortType) {
            return PixelType.INT16;
        } else if (t instanceof UnsignedIntType) {
            return PixelType.UINT32;
        } else if (t instanceof IntType) {
            return PixelType.INT32;
        } else if (t instanceof UnsignedLongType) {
            return PixelType.UINT64;
        } else if (t instanceof LongType) {
            return PixelType.INT64;
        } else if (t instanceof FloatType) {
            return PixelType.FLOAT32;
        } else if (t instanceof DoubleType) {
            return PixelType.FLOAT64;
        }
        throw new IllegalArgumentException("unsupported imglib2 pixel type " + t.getClass().getSimpleName());
    }

    /**
     * The pixels of {@code image} as a primitive array in numpy order of its reversed dimensions:
     * the backing array itself for an ArrayImg, otherwise a copy.
     */
    public static Object toArray(RandomAccessibleInterval<?> image, PixelType type) {
        if (image instanceof ArrayImg<?, ?> arrayImg && arrayImg.update(null) instanceof ArrayDataAccess<?> access) {
            Object storage = access.getCurrentStorageArray();
            if (java.lang.reflect.Array.getLength(storage) == arrayImg.size()
                    && storage.getClass() == allocate(type, 0).getClass()) {
                return storage;
            }
        }
        long size = 1;
        for (long d : image.dimensionsAsLongArray()) {
            size = Math.multiplyExact(size, d);
        }
        Object out = allocate(type, Math.toIntExact(size));
        Cursor<?> c = Views.flatIterable(image).cursor();
        int i = 0;
        if (type.isFloatingPoint()) {
            while (c.hasNext()) {
                double v = ((RealType<?>) c.next()).getRealDouble();
                if (out instanceof float[] f) {
                    f[i++] = (float) v;
                } else {
                    ((double[]) out)[i++] = v;
                }
            }
        } else {
            while (c.hasNext()) {
                long v = ((IntegerType<?>) c.next()).getIntegerLong();
                switch (out) {
                    case byte[] b -> b[i++] = (byte) v;
                    case short[] s -> s[i++] = (short) v;
                    case int[] a -> a[i++] = (int) v;
                    case long[] l -> l[i++] = v;
                    default -> throw new IllegalStateException();
                }
            }
        }
        return out;
    }

    public static long[] reversed(long[] a) {
        long[] r = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[a.length - 1 - i];
        }
        return r;
    }
}
