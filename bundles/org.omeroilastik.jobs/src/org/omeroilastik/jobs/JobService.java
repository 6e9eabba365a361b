package org.omeroilastik.jobs;

import java.io.IOException;
import java.util.List;

/**
 * Runs jobs: expands a {@link JobSpec} into one task per image and runs the tasks on a bounded pool
 * shared by all jobs, journalling each image once all its writes succeeded. Registered as an OSGi
 * service; the CLI and the workbench both submit through it.
 */
public interface JobService {

    /**
     * What {@code spec} would read and write. Fails with a message naming the project, repository or
     * container at fault.
     */
    JobPlan plan(JobSpec spec, JobSettings settings) throws IOException;

    /**
     * Starts a job and returns at once. Problems that stop every task (an unreadable project, a
     * missing repository or container, no ilastik installed for the ilastik engine) are thrown here;
     * a failing image is reported to the listener and the job goes on with the next.
     */
    JobRun submit(JobSpec spec, JobSettings settings, JobListener listener) throws IOException;

    /** Jobs submitted since start: every running one and the last hundred finished ones. */
    List<JobRun> runs();
}
