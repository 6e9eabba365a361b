package org.omeroilastik.image.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The registered {@link ImageFormat} services, chosen by file name or id. */
public interface ImageFormats {

    List<ImageFormat> all();

    Optional<ImageFormat> byId(String id);

    /** The format whose extensions claim {@code file}. */
    Optional<ImageFormat> forFile(Path file);

    /** Reads {@code source} with the format its file name selects. */
    default NdImage read(ImageSource source) throws ImageIoException {
        return forFile(source.file())
                .orElseThrow(() -> new ImageIoException(source.file() + ": unsupported image file type (supported: "
                        + String.join(", ", all().stream().flatMap(f -> f.extensions().stream()).toList()) + ")"))
                .read(source);
    }
}
