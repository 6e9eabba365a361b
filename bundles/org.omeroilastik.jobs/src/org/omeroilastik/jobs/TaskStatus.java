package org.omeroilastik.jobs;

import org.omeroilastik.model.repository.Image;

/**
 * A snapshot of one task (one image) of a job.
 *
 * @param blocksDone engine blocks finished so far
 * @param blocksTotal engine blocks of the image (0 until the engine has planned them)
 * @param message the summary of a finished task or the error of a failed one
 */
public record TaskStatus(Image image, State state, int blocksDone, int blocksTotal, String message) {

    public enum State {
        PENDING, RUNNING, DONE, SKIPPED, FAILED, CANCELLED;

        /** Whether the task will not change any more. */
        public boolean isFinal() {
            return this != PENDING && this != RUNNING;
        }
    }
}
