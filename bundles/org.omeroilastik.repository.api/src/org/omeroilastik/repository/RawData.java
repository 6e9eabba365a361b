package org.omeroilastik.repository;

import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.NdImage;
import org.omeroilastik.model.ImageDescriptor;

/** Raw pixels, as omero-gateway's RawDataFacility: by n-d block (a plane or a tile is a block). */
public interface RawData {

    ImageDescriptor pixels(long imageId) throws RepositoryException;

    /** The box {@code offset}..{@code offset+count} in the descriptor's axis order. */
    NdImage read(long imageId, long[] offset, long[] count) throws RepositoryException;

    /** A file the engine can read blockwise, when the backend keeps the pixels in one. */
    java.util.Optional<ImageSource> localSource(long imageId) throws RepositoryException;
}
