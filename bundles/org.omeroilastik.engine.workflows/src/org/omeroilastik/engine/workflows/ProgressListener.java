package org.omeroilastik.engine.workflows;

/** Told after every finished block; returning false cancels the run. */
@FunctionalInterface
public interface ProgressListener {
    boolean blockDone(int done, int total);

    ProgressListener NONE = (done, total) -> true;
}
