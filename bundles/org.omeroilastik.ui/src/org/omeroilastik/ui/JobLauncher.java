package org.omeroilastik.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.omeroilastik.jobs.JobListener;
import org.omeroilastik.jobs.JobRun;
import org.omeroilastik.jobs.JobService;
import org.omeroilastik.jobs.JobSpec;
import org.omeroilastik.jobs.WriteBack;
import org.omeroilastik.model.repository.Image;
import org.omeroilastik.platform.OsgiServices;

/**
 * Runs an ilastik project over a dataset through the JobService, inside an Eclipse Job, so the
 * standard Progress view shows it and cancelling it there cancels the run.
 */
final class JobLauncher {
    private JobLauncher() {
    }

    static Job launch(String source, long datasetId, String datasetName, Path project) {
        Job job = new Job("ilastik " + project.getFileName() + " on " + datasetName) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                DisplayThreadGuard.check("running a job");
                JobService service = OsgiServices.get(JobLauncher.class, JobService.class);
                JobSpec spec = new JobSpec(project, source, datasetId, List.of(), null, 50, WriteBack.all(), EnginePreferences.engine(),
                        EnginePreferences.ilastikHome());
                AtomicInteger finished = new AtomicInteger();
                JobRun run;
                try {
                    run = service.submit(spec, EnginePreferences.settings(), new JobListener() {
                        @Override
                        public void finished(Image image, String summary) {
                            finished.incrementAndGet();
                        }

                        @Override
                        public void failed(Image image, String error) {
                            // The Error Log keeps why each image failed, after the Jobs view has moved on.
                            Platform.getLog(JobLauncher.class).error(getName() + ": image " + image.id() + " (" + image.name() + ") failed: "
                                    + error);
                            finished.incrementAndGet();
                        }
                    });
                } catch (Exception e) {
                    return new Status(IStatus.ERROR, "org.omeroilastik.ui", e.getMessage(), e);
                }
                int total = run.tasks().size();
                monitor.beginTask(getName(), total);
                int reported = 0;
                try {
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
                    monitor.done();
                    if (outcome.failed() > 0) {
                        return new Status(IStatus.WARNING, "org.omeroilastik.ui", outcome.failed() + " of " + total + " images failed");
                    }
                    return outcome.cancelled() > 0 ? Status.CANCEL_STATUS : Status.OK_STATUS;
                } catch (InterruptedException e) {
                    run.cancel();
                    Thread.currentThread().interrupt();
                    return Status.CANCEL_STATUS;
                }
            }
        };
        job.setUser(true);
        job.schedule();
        return job;
    }
}
