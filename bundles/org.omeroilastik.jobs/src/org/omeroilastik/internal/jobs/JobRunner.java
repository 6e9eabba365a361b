package org.omeroilastik.internal.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.omeroilastik.jobs.BatchJob;
import org.omeroilastik.jobs.JobListener;
import org.omeroilastik.jobs.JobRun;
import org.omeroilastik.jobs.JobSpec;
import org.omeroilastik.jobs.TaskStatus;
import org.omeroilastik.jobs.TaskStatus.State;
import org.omeroilastik.model.repository.Image;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.repository.TransientRepositoryException;

/**
 * One submitted job: a few worker loops on the shared pool take the images in order, one task each;
 * an image is journalled only after all its writes succeeded. Closes the repository when the last
 * worker ends.
 */
final class JobRunner implements JobRun {
    private final JobSpec spec;
    /** Released when the last worker ends: a finished run keeps only its task states, not the project's forests. */
    private volatile BatchJob job;
    private final Repository repo;
    private final List<Image> images;
    private final Set<Long> alreadyDone;
    private final Path journal;
    private final JobListener listener;
    private final TaskStatus[] tasks;
    private final AtomicInteger next = new AtomicInteger();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicInteger workers = new AtomicInteger();
    private volatile boolean cancelled;

    JobRunner(JobSpec spec, BatchJob job, Repository repo, List<Image> images, Set<Long> alreadyDone, Path journal, JobListener listener) {
        this.spec = spec;
        this.job = job;
        this.repo = repo;
        this.images = List.copyOf(images);
        this.alreadyDone = Set.copyOf(alreadyDone);
        this.journal = journal;
        this.listener = listener;
        this.tasks = new TaskStatus[images.size()];
        for (int i = 0; i < tasks.length; i++) {
            tasks[i] = new TaskStatus(images.get(i), State.PENDING, 0, 0, "");
        }
    }

    /** Starts up to {@code concurrent} worker loops on {@code pool}. */
    void start(Executor pool, int concurrent) {
        int n = Math.max(1, Math.min(concurrent, images.size()));
        workers.set(n);
        for (int i = 0; i < n; i++) {
            pool.execute(this::work);
        }
    }

    private void work() {
        try {
            int i;
            while ((i = next.getAndIncrement()) < images.size()) {
                runTask(i);
            }
        } finally {
            if (workers.decrementAndGet() == 0) {
                try {
                    repo.close();
                } catch (Exception ignored) {
                    // closing a repository releases nothing the results depend on
                }
                job = null;
                finished.countDown();
            }
        }
    }

    private void runTask(int i) {
        Image image = images.get(i);
        if (alreadyDone.contains(image.id())) {
            set(i, State.SKIPPED, 0, 0, "already done (journal)");
            listener.skipped(image);
            return;
        }
        if (cancelled) {
            set(i, State.CANCELLED, 0, 0, "cancelled before it started");
            listener.cancelled(image);
            return;
        }
        set(i, State.RUNNING, 0, 0, "");
        listener.started(image, i, images.size());
        try {
            String summary = processWithRetries(i, image);
            BatchJob.appendJournal(journal, image.id());
            TaskStatus s = tasks(i);
            set(i, State.DONE, s.blocksTotal(), s.blocksTotal(), summary);
            listener.finished(image, summary);
        } catch (CancellationException e) {
            set(i, State.CANCELLED, tasks(i).blocksDone(), tasks(i).blocksTotal(), "cancelled");
            listener.cancelled(image);
        } catch (IOException | RuntimeException | Error e) {
            // Errors too (out of memory, a bug): the image fails with the reason and the worker goes on,
            // so no image stays "running" and none looks cancelled that nobody cancelled.
            String message = e instanceof Error || e.getMessage() == null ? e.toString() : e.getMessage();
            set(i, State.FAILED, tasks(i).blocksDone(), tasks(i).blocksTotal(), message);
            listener.failed(image, message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            set(i, State.CANCELLED, tasks(i).blocksDone(), tasks(i).blocksTotal(), "interrupted");
            listener.cancelled(image);
        }
    }

    /** Attempts per image when the repository fails in a way that may not repeat (a dropped connection). */
    static final int ATTEMPTS = 3;

    /** Runs the image's task; a transient repository failure runs it again (write-back is keyed, so it replaces). */
    private String processWithRetries(int i, Image image) throws IOException, InterruptedException {
        for (int attempt = 1;; attempt++) {
            try {
                return job.process(image, (done, total) -> {
                    set(i, State.RUNNING, done, total, "");
                    listener.block(image, done, total);
                }, () -> cancelled);
            } catch (TransientRepositoryException e) {
                if (attempt >= ATTEMPTS || cancelled) {
                    throw e;
                }
                set(i, State.RUNNING, 0, 0, "attempt " + (attempt + 1) + " after: " + e.getMessage());
                Thread.sleep(500L * attempt);
            }
        }
    }

    private synchronized void set(int i, State state, int done, int total, String message) {
        tasks[i] = new TaskStatus(images.get(i), state, done, total, message);
    }

    private synchronized TaskStatus tasks(int i) {
        return tasks[i];
    }

    @Override
    public JobSpec spec() {
        return spec;
    }

    @Override
    public Path journal() {
        return journal;
    }

    @Override
    public synchronized List<TaskStatus> tasks() {
        return List.of(tasks);
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public boolean isFinished() {
        return finished.getCount() == 0;
    }

    @Override
    public Outcome await() throws InterruptedException {
        finished.await();
        int done = 0, skipped = 0, failed = 0, cancelledCount = 0;
        for (TaskStatus t : tasks()) {
            switch (t.state()) {
                case DONE -> done++;
                case SKIPPED -> skipped++;
                case CANCELLED -> cancelledCount++;
                default -> failed++; // FAILED, or left unfinished by a dead worker
            }
        }
        return new Outcome(done, skipped, failed, cancelledCount);
    }

    /** For the service: deletes a journal that a fresh (not resumed) run starts over. */
    static void startJournal(Path journal, boolean resume) throws IOException {
        Files.createDirectories(journal.toAbsolutePath().getParent());
        if (!resume) {
            Files.deleteIfExists(journal);
        }
    }
}
