package org.omeroilastik.image.io;

import org.omeroilastik.hdf5.Hdf5Type;
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

}
