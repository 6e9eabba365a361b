package org.omeroilastik.batch;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --trust-cert FILE}: a server certificate the OMERO backend trusts beside the JVM's trust store. */
final class TrustCert {
    /** Read by the OMERO repository provider. */
    static final String PROPERTY = "omero.ilastik.trustCert";

    private TrustCert() {
    }

    static void apply(Options o) throws UsageException {
        if (o.value("trust-cert").isPresent()) {
            Path file = Path.of(o.value("trust-cert").get());
            if (!Files.isRegularFile(file)) {
                throw new UsageException("--trust-cert " + file + ": no such file");
            }
            System.setProperty(PROPERTY, file.toAbsolutePath().toString());
        }
    }
}
