package org.omeroilastik.batch;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The options of {@code omero:} sources, handed to the OMERO repository provider as the system
 * properties it reads: {@code --trust-cert FILE} (a server certificate trusted beside the JVM's trust
 * store) and {@code --pixel-source auto|pixel-buffer|zarr|ome-tiff|rendered}.
 */
final class OmeroOptions {
    static final String TRUST_CERT = "omero.ilastik.trustCert";
    static final String PIXEL_SOURCE = "omero.ilastik.pixelSource";

    private OmeroOptions() {
    }

    static void apply(Options o) throws UsageException {
        if (o.value("trust-cert").isPresent()) {
            Path file = Path.of(o.value("trust-cert").get());
            if (!Files.isRegularFile(file)) {
                throw new UsageException("--trust-cert " + file + ": no such file");
            }
            System.setProperty(TRUST_CERT, file.toAbsolutePath().toString());
        }
        // The provider checks the value when the source is opened and names the choices.
        o.value("pixel-source").ifPresent(source -> System.setProperty(PIXEL_SOURCE, source.strip()));
    }
}
