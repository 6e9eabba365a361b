package org.omeroilastik.image.io;

/** Reads regions of one image, many in a row (see {@link ImageFormat#regionReader}); safe for concurrent reads. */
@FunctionalInterface
public interface RegionReader extends AutoCloseable {

    /** The box {@code offset}..{@code offset+count}, as {@link ImageFormat#readRegion} reads it. */
    NdImage read(long[] offset, long[] count) throws ImageIoException;

    @Override
    default void close() throws ImageIoException {
    }
}
