package org.omeroilastik.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.omeroilastik.jobs.ForwardingJobListener;
import org.omeroilastik.jobs.JobListener;
import org.omeroilastik.jobs.JobRun;
import org.omeroilastik.jobs.JobService;
import org.omeroilastik.jobs.JobSettings;
import org.omeroilastik.jobs.JobSpec;
import org.omeroilastik.jobs.TaskStatus;
import org.omeroilastik.model.repository.Image;
import org.omeroilastik.platform.OsgiServices;

/**
 * Runs jobs through the JobService inside an Eclipse Job, so the standard Progress view shows them and
 * cancelling there (or {@link Job#cancel()}) cancels the run. The data explorer's "Run ilastik project…"
 * and the job editor both start runs here; the Jobs view resumes runs here.
 */
public final class JobLauncher {
    /** The settings each run was submitted with, so a resume runs as the run did (threads, memory, journal). */
    private static final Map<JobRun, JobSettings> SETTINGS = Collections.synchronizedMap(new WeakHashMap<>());
    /** Runs already resumed: resuming one again would run its remaining images twice at once. */
    private static final Set<JobRun> RESUMED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private JobLauncher() {
    }

    static Job launch(String source, long datasetId, String datasetName, Path project) {
        JobSpec spec = new JobSpec(project, source, datasetId, List.of(), null, EnginePreferences.minSize(), EnginePreferences.writeBack(),
                EnginePreferences.engine(), EnginePreferences.ilastikHome());
        return launch("ilastik " + project.getFileName() + " on " + datasetName, List.of(spec), EnginePreferences.settings(),
                JobListener.NONE);
    }

    /**
     * Schedules one Eclipse Job that submits {@code specs} one after the other (each image is one unit of
     * work) and tells {@code listener} about every task. A listener that is {@link AutoCloseable} is closed
     * when the run ends. The Job's result: OK, WARNING naming how many images failed, CANCEL, or ERROR with
     * the message of a problem that stopped the run (unreadable project, missing container, no ilastik).
     */
    public static Job launch(String name, List<JobSpec> specs, JobSettings settings, JobListener listener) {
        List<JobSpec> all = List.copyOf(specs);
        Job job = new Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                DisplayThreadGuard.check("running a job");
                try {
                    return runAll(this, all, settings, listener, monitor);
                } finally {
                    if (listener instanceof AutoCloseable c) {
                        try {
                            c.close();
                        } catch (Exception e) {
                            // the run's outcome stands; closing only releases a connection
                        }
                    }
                }
            }
        };
        job.setUser(true);
        job.schedule();
        return job;
    }

    /**
     * Whether {@code run} can be resumed: it has ended with cancelled or failed tasks and was not resumed
     * already (resume the newer run instead).
     */
    public static boolean canResume(JobRun run) {
        return run.isFinished() && !RESUMED.contains(run)
                && run.tasks().stream().anyMatch(t -> t.state() == TaskStatus.State.CANCELLED || t.state() == TaskStatus.State.FAILED);
    }

    /**
     * Submits {@code run}'s spec again with resume, in an Eclipse Job like {@link #launch}: the images its
     * journal lists as done are skipped, only the rest run (write-back replaces by key, so a cancelled
     * image's partial outputs are replaced, not duplicated). Runs the workbench did not launch resume with
     * the engine preferences. Exporters the job editor called are not called again: resume from the job
     * editor for those.
     */
    public static Job resume(JobRun run) {
        if (!canResume(run)) {
            throw new IllegalStateException("job " + name(run) + " has nothing to resume (every image done, or resumed already)");
        }
        RESUMED.add(run);
        JobSettings settings = SETTINGS.getOrDefault(run, EnginePreferences.settings()).withJournal(run.journal()).withResume(true);
        return launch("Resume " + name(run.spec()), List.of(run.spec()), settings, JobListener.NONE);
    }

    /** "PROJECT.ilp on CONTAINER", as the Jobs view names a run; "Resume PROJECT.ilp on CONTAINER" for a run submitted with resume. */
    public static String name(JobRun run) {
        JobSettings settings = SETTINGS.get(run);
        return (settings != null && settings.resume() ? "Resume " : "") + name(run.spec());
    }

    private static String name(JobSpec spec) {
        return spec.project().getFileName() + " on " + spec.containerName();
    }

    private static IStatus runAll(Job job, List<JobSpec> specs, JobSettings settings, JobListener listener, IProgressMonitor monitor) {
        JobService service = OsgiServices.get(JobLauncher.class, JobService.class);
        AtomicInteger finished = new AtomicInteger();
        JobListener counting = new ForwardingJobListener(listener) {
            @Override
            public void finished(Image image, String summary) {
                super.finished(image, summary);
                finished.incrementAndGet();
            }

            @Override
            public void skipped(Image image) {
                super.skipped(image);
                finished.incrementAndGet();
            }

            @Override
            public void failed(Image image, String error) {
                // The Error Log keeps why each image failed, after the Jobs view has moved on.
                Platform.getLog(JobLauncher.class).error(job.getName() + ": image " + image.id() + " (" + image.name() + ") failed: " + error);
                super.failed(image, error);
                finished.incrementAndGet();
            }

            @Override
            public void cancelled(Image image) {
                super.cancelled(image);
                finished.incrementAndGet();
            }
        };
        List<JobRun> runs = new ArrayList<>();
        int total = 0;
        int failed = 0;
        int cancelled = 0;
        try {
            for (JobSpec spec : specs) {
                total += service.plan(spec, settings).images().size();
            }
            monitor.beginTask(job.getName(), total);
            int reported = 0;
            for (JobSpec spec : specs) {
                if (monitor.isCanceled()) {
                    return Status.CANCEL_STATUS;
                }
                JobRun run = service.submit(spec, settings, counting);
                SETTINGS.put(run, settings);
                runs.add(run);
                while (!run.isFinished()) {
                    if (monitor.isCanceled()) {
                        run.cancel();
                    }
                    int now = finished.get();
                    monitor.worked(now - reported);
                    reported = now;
                    Thread.sleep(100);
                }
                JobRun.Outcome outcome = run.await();
                failed += outcome.failed();
                cancelled += outcome.cancelled();
            }
            monitor.done();
        } catch (InterruptedException e) {
            runs.forEach(JobRun::cancel);
            Thread.currentThread().interrupt();
            return Status.CANCEL_STATUS;
        } catch (Exception e) {
            return new Status(IStatus.ERROR, "org.omeroilastik.ui", e.getMessage(), e);
        }
        if (failed > 0) {
            return new Status(IStatus.WARNING, "org.omeroilastik.ui", failed + " of " + total + " images failed");
        }
        return cancelled > 0 ? Status.CANCEL_STATUS : Status.OK_STATUS;
    }
}
