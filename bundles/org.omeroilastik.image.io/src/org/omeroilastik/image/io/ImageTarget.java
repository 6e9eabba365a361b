package org.omeroilastik.image.io;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where to write an image: a file and, for HDF5, the dataset path (ilastik's default is
 * {@value #DEFAULT_DATASET}) and the gzip level of its chunks.
 */
public record ImageTarget(Path file, String internalPath, int compressionLevel) {
    public static final String DEFAULT_DATASET = "exported_data";

    public ImageTarget {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(internalPath, "internalPath");
        if (compressionLevel < 0 || compressionLevel > 9) {
            throw new IllegalArgumentException("compression level must be 0..9, not " + compressionLevel);
        }
    }

    public static ImageTarget of(Path file) {
        return new ImageTarget(file, DEFAULT_DATASET, 4);
    }
}
