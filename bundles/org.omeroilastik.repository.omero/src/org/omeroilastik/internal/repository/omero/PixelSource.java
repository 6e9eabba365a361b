package org.omeroilastik.internal.repository.omero;

import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.repository.RepositoryException;

/**
 * One way of getting an OMERO image's pixels over HTTP: omero-ms-pixel-buffer tiles, omero-web-zarr
 * chunks, a render_ome_tiff download, or (lossy, only when asked for) rendered 8-bit planes.
 */
interface PixelSource extends AutoCloseable {

    /** The name {@code omero.ilastik.pixelSource} gives it. */
    String id();

    /** What provenance records as {@code omero-ilastik.pixels}. */
    String label();

    /**
     * The box {@code offset}..{@code offset+count} of image {@code imageId} (descriptor {@code d}, already
     * checked to hold the box) as a primitive array in C order of {@code d}'s axes and pixel type.
     */
    Object read(long imageId, ImageDescriptor d, long[] offset, long[] count) throws RepositoryException;

    @Override
    default void close() {
    }
}
