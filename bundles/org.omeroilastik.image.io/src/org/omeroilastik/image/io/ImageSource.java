package org.omeroilastik.image.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.omeroilastik.model.AxisOrder;

/**
 * Where to read an image from: a file, for HDF5 optionally a dataset inside it, and optionally the
 * axis order to assume when the file does not record one.
 */
public record ImageSource(Path file, Optional<String> internalPath, Optional<AxisOrder> axes) {

    public ImageSource {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(internalPath, "internalPath");
        Objects.requireNonNull(axes, "axes");
    }

    public static ImageSource of(Path file) {
        return new ImageSource(file, Optional.empty(), Optional.empty());
    }

    public ImageSource withAxes(AxisOrder order) {
        return new ImageSource(file, internalPath, Optional.ofNullable(order));
    }

    /**
     * Parses an input as ilastik's command line takes it: {@code FILE} or {@code FILE.h5/DATASET}
     * (also .hdf5, .hdf and .ilp). An existing file wins over a dataset split.
     */
    public static ImageSource parse(String spec) {
        Path whole = Path.of(spec);
        if (Files.exists(whole)) {
            return of(whole);
        }
        String lower = spec.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".h5/", ".hdf5/", ".hdf/", ".ilp/"}) {
            int i = lower.indexOf(ext);
            if (i > 0) {
                String file = spec.substring(0, i + ext.length() - 1);
                String dataset = spec.substring(i + ext.length() - 1);
                return new ImageSource(Path.of(file), Optional.of(dataset), Optional.empty());
            }
        }
        return of(whole);
    }

    /** The file name plus dataset, for messages. */
    public String describe() {
        return file + internalPath.map(p -> (p.startsWith("/") ? "" : "/") + p).orElse("");
    }

    /** ilastik's nickname: the file name without extension, plus "-DATASET" for an internal path. */
    public String nickname() {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        return internalPath.map(p -> base + "-" + p.replaceAll("^/+", "").replace('/', '-')).orElse(base);
    }
}
