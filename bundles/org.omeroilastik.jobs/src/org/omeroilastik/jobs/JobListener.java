package org.omeroilastik.jobs;

import org.omeroilastik.model.repository.Image;

/**
 * Told about each task of a job. Tasks may run on several threads at once, so implementations must
 * be thread-safe; calls for one image come in order (started, blocks, then exactly one of finished,
 * failed or cancelled; or skipped alone).
 */
public interface JobListener {
    default void started(Image image, int index, int total) {
    }

    default void block(Image image, int done, int total) {
    }

    default void finished(Image image, String summary) {
    }

    /** Already done by an earlier run of the job (found in its journal). */
    default void skipped(Image image) {
    }

    default void failed(Image image, String error) {
    }

    /** Stopped by {@link JobRun#cancel()} before all its writes succeeded; nothing of it is journalled. */
    default void cancelled(Image image) {
    }

    JobListener NONE = new JobListener() {
    };
}
