package org.omeroilastik.jobs;

import java.nio.file.Path;
import java.util.List;

/** A submitted job: its tasks, their progress, cancel and the outcome. */
public interface JobRun {

    JobSpec spec();

    Path journal();

    /** One status per input image, in input order. */
    List<TaskStatus> tasks();

    /**
     * Stops the job: running tasks stop after their current engine block (their outputs are discarded
     * or, where already replaced, left for a rerun to replace), pending ones are not started. Nothing
     * cancelled is journalled, so {@code --resume} takes them up again.
     */
    void cancel();

    boolean isCancelled();

    boolean isFinished();

    /** Waits for every task to finish and tells how many were done, skipped, failed and cancelled. */
    Outcome await() throws InterruptedException;

    /** Counts of a finished job. */
    record Outcome(int done, int skipped, int failed, int cancelled) {
    }
}
