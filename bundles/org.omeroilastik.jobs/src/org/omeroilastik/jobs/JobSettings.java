package org.omeroilastik.jobs;

import java.nio.file.Path;
import java.util.Optional;

import org.omeroilastik.engine.workflows.RunOptions;

/**
 * How a job runs, as opposed to what it does ({@link JobSpec}).
 *
 * @param engineOptions threads and block sizes of the embedded engine, per task
 * @param journal where finished images are journalled (empty: {@link JobSpec#defaultJournal()})
 * @param resume skip the images the journal lists as done
 * @param concurrentTasks how many images run at once (each also uses the engine's threads)
 */
public record JobSettings(RunOptions engineOptions, Optional<Path> journal, boolean resume, int concurrentTasks) {
    public JobSettings {
        if (concurrentTasks < 1) {
            throw new IllegalArgumentException("concurrent tasks must be at least 1, not " + concurrentTasks);
        }
    }

    public static JobSettings defaults() {
        return new JobSettings(RunOptions.defaults(), Optional.empty(), false, 1);
    }

    public JobSettings withJournal(Path file) {
        return new JobSettings(engineOptions, Optional.of(file), resume, concurrentTasks);
    }

    public JobSettings withResume(boolean value) {
        return new JobSettings(engineOptions, journal, value, concurrentTasks);
    }

    public JobSettings withConcurrentTasks(int n) {
        return new JobSettings(engineOptions, journal, resume, n);
    }

    public JobSettings withEngineOptions(RunOptions options) {
        return new JobSettings(options, journal, resume, concurrentTasks);
    }
}
