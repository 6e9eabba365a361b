package org.omeroilastik.image.io;

import org.omeroilastik.hdf5.Hdf5Type;
import org.omeroilastik.model.Axis;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.PixelType;

/** How ilastik lays out images in HDF5: element types and chunk shapes, shared by every HDF5 writer. */
public final class IlastikHdf5 {
    private IlastikHdf5() {
    }

    /** The HDF5 element type h5py writes for a pixel type (bools as its FALSE/TRUE enum). */
    public static Hdf5Type hdf5Type(PixelType type) {
        return switch (type) {
            case BOOL -> Hdf5Type.BOOLEAN;
            case FLOAT32 -> Hdf5Type.floating(4);
            case FLOAT64 -> Hdf5Type.floating(8);
            default -> Hdf5Type.integer(type.bytes(), type.isSigned());
        };
    }

    /** Chunks like ilastik's exports: one time point, up to 64 planes, tiles up to 256², all channels. */
    public static long[] chunkShape(ImageDescriptor d) {
        long[] shape = d.shape();
        long[] chunk = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            long limit = switch (d.axes().get(i)) {
                case T -> 1;
                case Z -> 64;
                case Y, X -> 256;
                case C -> shape[i];
            };
            chunk[i] = Math.max(1, Math.min(shape[i], limit));
        }
        return chunk;
    }

    /** Largest chunk {@link #chunkShape(ImageDescriptor, long[])} makes from a writer's block. */
    static final long MAX_BLOCK_CHUNK_BYTES = 8L << 20;

    /**
     * Chunks for a writer that writes blocks of {@code writeShape} (descriptor order, edge blocks
     * smaller) on their grid: one chunk per block, so every chunk is compressed once, instead of
     * being decompressed and recompressed by each block that covers part of it. Channels go to
     * chunks of their own when a block with all of them would pass 8 MiB; blocks still too large
     * (or no block shape) get {@link #chunkShape(ImageDescriptor)}.
     */
    public static long[] chunkShape(ImageDescriptor d, long[] writeShape) {
        if (writeShape == null || writeShape.length != d.shape().length) {
            return chunkShape(d);
        }
        long[] chunk = new long[writeShape.length];
        long bytes = d.pixelType().bytes();
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = Math.max(1, Math.min(d.shape()[i], writeShape[i]));
            bytes *= chunk[i];
        }
        int c = d.axes().indexOf(Axis.C);
        if (bytes > MAX_BLOCK_CHUNK_BYTES && c >= 0) {
            bytes /= chunk[c];
            chunk[c] = 1;
        }
        return bytes > MAX_BLOCK_CHUNK_BYTES ? chunkShape(d) : chunk;
    }
}
