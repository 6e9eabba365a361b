package org.omeroilastik.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared conformance corpus (real ilastik projects, inputs and outputs). It lives outside the
 * repository, in {@code ../shared/conformance} next to the checkout; the build passes its location
 * in the system property {@value #PROPERTY}.
 */
public final class Conformance {
    public static final String PROPERTY = "omero.ilastik.conformance";

    private Conformance() {
    }

    /** The corpus folder; fails with a clear message when it is missing. */
    public static Path dir() {
        String value = System.getProperty(PROPERTY);
        Path dir = (value == null ? Path.of("..", "shared", "conformance") : Path.of(value)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("cases.json"))) {
            throw new IllegalStateException("the conformance corpus is missing: expected " + dir.toAbsolutePath().normalize()
                    + "/cases.json (the shared/ folder must sit next to the repository checkout, or set -D" + PROPERTY + ")");
        }
        return dir;
    }

    public static Path file(String relative) {
        Path p = dir().resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException("conformance file missing: " + p);
        }
        return p;
    }

    /** Every file below the corpus whose name ends with one of {@code suffixes}, sorted. */
    public static List<Path> files(String... suffixes) throws IOException {
        try (Stream<Path> s = Files.walk(dir())) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> Stream.of(suffixes).anyMatch(x -> p.getFileName().toString().endsWith(x)))
                    .sorted().toList();
        }
    }
}
