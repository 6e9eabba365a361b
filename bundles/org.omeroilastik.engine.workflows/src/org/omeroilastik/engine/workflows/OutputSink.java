package org.omeroilastik.engine.workflows;

import java.io.IOException;

import org.omeroilastik.model.ImageDescriptor;

/**
 * Where a run's blocks go. Nothing written is visible as a finished output before {@link #commit()}
 * succeeds; {@link #abort()} removes what a failed or cancelled run wrote.
 */
public interface OutputSink extends AutoCloseable {

    /** Prepares an output of this shape and type. */
    void open(ImageDescriptor descriptor) throws IOException;

    /**
     * Prepares an output of this shape and type that will be written in blocks of {@code writeShape}
     * (descriptor order; blocks at the far edges smaller), on that block grid: a chunked format can
     * chunk along it. By default the same as {@link #open(ImageDescriptor)}.
     */
    default void open(ImageDescriptor descriptor, long[] writeShape) throws IOException {
        open(descriptor);
    }

    /** Writes one block: {@code array} in C order of {@code count}, placed at {@code offset} (descriptor order). */
    void write(long[] offset, long[] count, Object array) throws IOException;

    /** Makes the output visible under its final name. */
    void commit() throws IOException;

    /** Discards everything written. Safe to call after a failed open or a commit. */
    void abort();

    @Override
    default void close() {
        abort();
    }
}
