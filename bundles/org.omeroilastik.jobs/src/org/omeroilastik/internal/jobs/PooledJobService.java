package org.omeroilastik.internal.jobs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.omeroilastik.engine.workflows.PixelClassificationProject;
import org.omeroilastik.ilp.IlpReader;
import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.jobs.BatchJob;
import org.omeroilastik.jobs.JobListener;
import org.omeroilastik.jobs.JobPlan;
import org.omeroilastik.jobs.JobRun;
import org.omeroilastik.jobs.JobService;
import org.omeroilastik.jobs.JobSettings;
import org.omeroilastik.jobs.JobSpec;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The job service: one bounded pool for the tasks of every job. Its size is the system property
 * {@code omero.ilastik.jobs.poolSize} (default: the number of cores, at least 2); each job uses at
 * most {@link JobSettings#concurrentTasks()} of its threads.
 */
@Component(service = JobService.class)
public final class PooledJobService implements JobService {
    static final String POOL_SIZE = "omero.ilastik.jobs.poolSize";
    static final int KEPT_RUNS = 100;

    @Reference
    private IlpReader ilpReader;
    @Reference
    private ImageFormats formats;
    @Reference
    private Repositories repositories;

    private final List<JobRun> runs = new CopyOnWriteArrayList<>();
    private ExecutorService pool;

    @Activate
    void activate() {
        int size = Integer.getInteger(POOL_SIZE, Math.max(2, Runtime.getRuntime().availableProcessors()));
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(Math.max(1, size), r -> {
            Thread t = new Thread(r, "omero-ilastik-task-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Deactivate
    void deactivate() {
        runs.forEach(JobRun::cancel);
        pool.shutdown();
    }

    @Override
    public JobPlan plan(JobSpec spec, JobSettings settings) throws IOException {
        try (Repository repo = repositories.open(spec.source(), false)) {
            return plan(new BatchJob(spec, repo, load(spec), formats, settings.engineOptions()), spec, settings);
        }
    }

    /** The inputs, key prefix, journal and (when resuming) the images the journal lists as done. */
    private static JobPlan plan(BatchJob job, JobSpec spec, JobSettings settings) throws IOException {
        Path journal = settings.journal().orElseGet(spec::defaultJournal);
        Set<Long> done = settings.resume() ? BatchJob.readJournal(journal) : Set.of();
        return new JobPlan(job.plan(), job.key(""), journal, done);
    }

    @Override
    public JobRun submit(JobSpec spec, JobSettings settings, JobListener listener) throws IOException {
        PixelClassificationProject project = load(spec);
        Repository repo = repositories.open(spec.source(), false);
        try {
            BatchJob job = new BatchJob(spec, repo, project, formats, settings.engineOptions());
            JobPlan plan = plan(job, spec, settings);
            job.prepareEngine();
            JobRunner.startJournal(plan.journal(), settings.resume());
            job.attachProject();
            JobRunner run = new JobRunner(spec, job, repo, plan.images(), plan.alreadyDone(), plan.journal(), listener);
            runs.add(run);
            // The workbench lists past runs; the oldest finished ones go beyond a hundred.
            while (runs.size() > KEPT_RUNS) {
                JobRun oldest = runs.stream().filter(JobRun::isFinished).findFirst().orElse(null);
                if (oldest == null) {
                    break;
                }
                runs.remove(oldest);
            }
            run.start(pool, settings.concurrentTasks());
            return run;
        } catch (IOException | RuntimeException e) {
            repo.close();
            throw e;
        }
    }

    private PixelClassificationProject load(JobSpec spec) throws IOException {
        return BatchJob.load(ilpReader, spec.project());
    }

    @Override
    public List<JobRun> runs() {
        return List.copyOf(runs);
    }
}
