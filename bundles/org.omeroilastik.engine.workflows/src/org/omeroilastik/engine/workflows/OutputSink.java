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
