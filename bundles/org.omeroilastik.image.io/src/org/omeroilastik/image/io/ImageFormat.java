package org.omeroilastik.image.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.PixelType;

/** One image file format; implementations are DS services. */
public interface ImageFormat {

    /** Short lower-case name used on the command line, for example {@code hdf5}. */
    String id();

    /** File name endings this format claims, lower case with the dot ({@code .h5}). */
    List<String> extensions();

    /** Whether the file name ends with one of {@link #extensions()}. */
    default boolean claims(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return extensions().stream().anyMatch(name::endsWith);
    }

    /** Axes, shape and pixel type without reading pixels. */
    ImageDescriptor describe(ImageSource source) throws ImageIoException;

    /** Reads the whole image. */
    NdImage read(ImageSource source) throws ImageIoException;

    /** Whether {@link #readRegion} reads only the region from the file (true for HDF5). */
    default boolean readsRegionsEfficiently() {
        return false;
    }

    /**
     * Reads the box {@code offset}..{@code offset+count} (numpy order, as the descriptor's axes). The
     * default reads the whole image and copies the box; formats that can do better override it.
     */
    default NdImage readRegion(ImageSource source, long[] offset, long[] count) throws ImageIoException {
        return NdImages.crop(read(source), offset, count);
    }

    /**
     * A reader for many regions of one image in a row (the blocks of a run), which may keep the file
     * open and cache between reads; close it after. The default reads each region with
     * {@link #readRegion}.
     */
    default RegionReader regionReader(ImageSource source) throws ImageIoException {
        return (offset, count) -> readRegion(source, offset, count);
    }

    /**
     * Whether this format can store {@code type} in axis order {@code axes} (answered before any file
     * is touched, so callers can refuse early with a clear message).
     */
    boolean canWrite(PixelType type, AxisOrder axes);

    /** Writes the image, replacing the target file (or, for HDF5, the target dataset). */
    void write(NdImage image, ImageTarget target) throws ImageIoException;
}
