package org.omeroilastik.internal.image.io;

import java.nio.file.Files;
import java.nio.file.Path;

import org.omeroilastik.image.io.ImageIoException;

/** Checks shared by the file formats before they open a file. */
final class FormatFiles {
    private FormatFiles() {
    }

    /** Fails with "FILE: no such file" unless {@code file} is a regular file. */
    static void requireFile(Path file) throws ImageIoException {
        if (!Files.isRegularFile(file)) {
            throw new ImageIoException(file + ": no such file");
        }
    }
}
