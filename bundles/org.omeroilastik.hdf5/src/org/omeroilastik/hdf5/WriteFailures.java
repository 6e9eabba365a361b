package org.omeroilastik.hdf5;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Says why a write may have failed. The HDF5 library reports a full disk or an exceeded file-size
 * limit only as "Write failed" (the OS reason stays in its cleared error stack), so the likely
 * causes are looked up here and named in the message.
 */
final class WriteFailures {
    /** Below this, free space is worth naming. */
    private static final long LOW_SPACE = 64L << 20;

    private WriteFailures() {
    }

    /** " (no space left: …)" or " (file size limit …)" when one applies to {@code file}, else "". */
    static String hint(Path file) {
        StringBuilder out = new StringBuilder();
        try {
            Path dir = file.toAbsolutePath().getParent();
            while (dir != null && !Files.exists(dir)) {
                dir = dir.getParent();
            }
            if (dir != null) {
                long free = Files.getFileStore(dir).getUsableSpace();
                if (free < LOW_SPACE) {
                    out.append(String.format(Locale.ROOT, " (the file system of %s has %.1f MB free: disk full?)", dir, free / 1e6));
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // no hint then
        }
        long limit = fileSizeLimit();
        if (limit >= 0) {
            out.append(" (this process may write files of at most ").append(limit).append(" bytes: ulimit -f)");
        }
        return out.toString();
    }

    /** The soft RLIMIT_FSIZE from /proc/self/limits, or -1 when unlimited or unknown. */
    private static long fileSizeLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max file size")) {
                    String soft = line.substring("Max file size".length()).strip().split("\\s+")[0];
                    return soft.equals("unlimited") ? -1 : Long.parseLong(soft);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux, or unreadable
        }
        return -1;
    }
}
