package org.omeroilastik.repository;

import java.util.Optional;

import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.NdImage;
import org.omeroilastik.model.Axis;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.model.ImageDescriptor;

/**
 * Raw pixels, as omero-gateway's RawDataFacility: by n-d block, and by plane or tile (blocks of one
 * t, z and c) in OMERO's terms.
 */
public interface RawData {

    ImageDescriptor pixels(long imageId) throws RepositoryException;

    /** The box {@code offset}..{@code offset+count} in the descriptor's axis order. */
    NdImage read(long imageId, long[] offset, long[] count) throws RepositoryException;

    /** A file the engine can read blockwise, when the backend keeps the pixels in one. */
    Optional<ImageSource> localSource(long imageId) throws RepositoryException;

    /** What provenance records (as {@code omero-ilastik.pixels}) when the values are not the stored raw ones. */
    String LOSSY_RENDERED = "rendered-8bit-lossy";

    /**
     * How the reads so far got their pixels, for provenance: empty for a backend that reads its own
     * files (or before the first read), else a label such as {@code raw:omero-ms-pixel-buffer}, or
     * {@value #LOSSY_RENDERED} when the values are a rendered 8-bit image rather than the raw pixels.
     */
    default Optional<String> pixelSource() {
        return Optional.empty();
    }

    /** One whole plane (RawDataFacility.getPlane): y and x of time point t, section z, channel c. */
    default NdImage plane(long imageId, int t, int z, int c) throws RepositoryException {
        ImageDescriptor d = pixels(imageId);
        return tile(imageId, t, z, c, 0, 0, (int) d.size(Axis.X), (int) d.size(Axis.Y));
    }

    /** A tile of one plane (RawDataFacility.getTile): {@code width} × {@code height} pixels from (x, y). */
    default NdImage tile(long imageId, int t, int z, int c, int x, int y, int width, int height) throws RepositoryException {
        ImageDescriptor d = pixels(imageId);
        AxisOrder axes = d.axes();
        long[] offset = new long[axes.size()];
        long[] count = new long[axes.size()];
        int[] at = {t, z, c, y, x};
        int[] size = {1, 1, 1, height, width};
        Axis[] order = {Axis.T, Axis.Z, Axis.C, Axis.Y, Axis.X};
        for (int k = 0; k < order.length; k++) {
            long extent = d.size(order[k]);
            if (at[k] < 0 || size[k] < 1 || at[k] + (long) size[k] > extent) {
                throw new RepositoryException("image " + imageId + ": " + order[k].name().toLowerCase() + " " + at[k]
                        + (size[k] > 1 ? "+" + size[k] : "") + " lies outside its " + extent);
            }
            if (axes.has(order[k])) {
                offset[axes.indexOf(order[k])] = at[k];
                count[axes.indexOf(order[k])] = size[k];
            }
        }
        return read(imageId, offset, count);
    }
}
