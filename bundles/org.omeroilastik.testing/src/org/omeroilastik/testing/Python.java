package org.omeroilastik.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's Python 3 (with h5py, numpy, vigra from Debian packages) as an independent reader
 * of files we write. Tests that need it fail clearly when it is not installed.
 */
public final class Python {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private Python() {
    }

    /** Runs {@code script} with {@code args}; returns standard output, fails on a non-zero exit. */
    public static String run(String script, String... args) throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            throw new IllegalStateException(PYTHON + " is missing: install python3-h5py and python3-vigra (.ci/run does)");
        }
        Path file = Files.createTempFile("omero-ilastik-check", ".py");
        try {
            Files.writeString(file, script);
            List<String> command = new java.util.ArrayList<>(List.of(PYTHON.toString(), file.toString()));
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().remove("PYTHONPATH");
            Process process = pb.start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("python timed out");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IOException("python failed (" + process.exitValue() + "):\n" + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
