package org.omeroilastik.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omeroilastik.engine.workflows.RunOptions;
import org.omeroilastik.jobs.BatchJob;
import org.omeroilastik.jobs.JobListener;
import org.omeroilastik.jobs.JobRun;
import org.omeroilastik.jobs.JobService;
import org.omeroilastik.jobs.JobSettings;
import org.omeroilastik.jobs.JobSpec;
import org.omeroilastik.jobs.TaskStatus;
import org.omeroilastik.jobs.WriteBack;
import org.omeroilastik.model.repository.Image;
import org.omeroilastik.testing.Services;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;

/** The job service from DS: tasks on a bounded pool, side by side, per-task progress, cancel, resume. */
class JobServiceTest {
    private static final int IMAGES = 6;

    @TempDir
    Path dir;

    private final JobService jobs = Services.get(JobService.class);

    /** A repository with one dataset (id 2) of six demo images. */
    private String repository(String name) {
        Path demo = dir.resolve("demo");
        if (!Files.exists(demo.resolve("demo.ilp"))) {
            assertEquals(0, CliRunner.run("demo", "--dir", demo.toString(), "--images", "3", "--size", "96").exitCode());
        }
        String source = "local:" + dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("import", "--source", source, "--new-project", "P", "--new-dataset", "D"));
        for (int i = 0; i < IMAGES; i++) {
            args.add(demo.resolve("images/cells_0" + (i % 3) + ".h5") + "/data");
        }
        CliRunner imp = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, imp.exitCode(), imp.err());
        return source;
    }

    private JobSpec spec(String source) {
        return new JobSpec(dir.resolve("demo/demo.ilp"), source, 2, List.of(), null, 20, WriteBack.all());
    }

    private String datasetJson(String source) {
        JsonArray roots = JsonParser.parseString(CliRunner.run("browse", "--source", source, "--json").out()).getAsJsonArray();
        return roots.get(0).getAsJsonObject().getAsJsonArray("children").get(0).toString();
    }

    @Test
    void runsTasksSideBySideWithProgressPerTask() throws Exception {
        String source = repository("side-by-side");
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        JobListener listener = new JobListener() {
            @Override
            public void started(Image image, int index, int total) {
                threads.add(Thread.currentThread().getName());
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            }

            @Override
            public void finished(Image image, String summary) {
                running.decrementAndGet();
            }
        };
        // Small blocks, so each image has several and two images overlap in time.
        JobSettings settings = JobSettings.defaults().withConcurrentTasks(2)
                .withEngineOptions(RunOptions.defaults().withThreads(1).withBlock2d(32));
        JobRun run = jobs.submit(spec(source), settings, listener);
        JobRun.Outcome outcome = run.await();
        assertEquals(new JobRun.Outcome(IMAGES, 0, 0, 0), outcome);
        assertEquals(2, threads.size(), "two pool threads took the tasks: " + threads);
        assertTrue(mostAtOnce.get() <= 2, "never more tasks at once than asked for");
        for (TaskStatus t : run.tasks()) {
            assertEquals(TaskStatus.State.DONE, t.state(), t.toString());
            assertEquals(9, t.blocksTotal(), "96x96 in 32-pixel blocks: " + t);
            assertTrue(t.message().contains("ROIs"), t.message());
        }
        assertEquals(IMAGES, BatchJob.readJournal(run.journal()).size(), "each image journalled once");
        assertEquals(IMAGES, Files.readAllLines(run.journal()).size());
        assertTrue(jobs.runs().contains(run));

        // The same job one task at a time writes exactly the same.
        String other = repository("one-at-a-time");
        assertEquals(new JobRun.Outcome(IMAGES, 0, 0, 0), jobs.submit(spec(other), JobSettings.defaults(), JobListener.NONE).await());
        assertEquals(datasetJson(other), datasetJson(source));
    }

    @Test
    void cancelStopsMidImageLeavesNothingHalfWrittenAndResumeCompletes() throws Exception {
        String source = repository("cancelled");
        AtomicReference<JobRun> ref = new AtomicReference<>();
        CountDownLatch submitted = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        JobListener cancelInSecondImage = new JobListener() {
            @Override
            public void started(Image image, int index, int total) {
                started.incrementAndGet();
            }

            @Override
            public void block(Image image, int done, int total) {
                if (started.get() == 2 && done == 3) {
                    try {
                        submitted.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    ref.get().cancel();
                }
            }
        };
        JobSettings settings = JobSettings.defaults().withEngineOptions(RunOptions.defaults().withBlock2d(32));
        JobRun run = jobs.submit(spec(source), settings, cancelInSecondImage);
        ref.set(run);
        submitted.countDown();
        JobRun.Outcome outcome = run.await();
        assertEquals(new JobRun.Outcome(1, 0, 0, IMAGES - 1), outcome);
        assertTrue(run.isCancelled() && run.isFinished());
        TaskStatus second = run.tasks().get(1);
        assertEquals(TaskStatus.State.CANCELLED, second.state());
        assertEquals(3, second.blocksDone(), "stopped right after the block it was cancelled in");
        assertEquals(Set.of(run.tasks().get(0).image().id()), BatchJob.readJournal(run.journal()), "only the finished image journalled");
        Path root = dir.resolve("cancelled");
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> staged = files.filter(p -> p.getFileName().toString().startsWith(".derived-")
                    || p.getFileName().toString().startsWith(".new-") || p.getFileName().toString().endsWith(".part")).toList();
            assertEquals(List.of(), staged, "no half-written output left behind");
        }
        String partial = datasetJson(source);
        assertTrue(partial.contains("\"derived\":0"), "the cancelled image has no derived image: " + partial);

        JobRun resumed = jobs.submit(spec(source), settings.withResume(true), JobListener.NONE);
        assertEquals(new JobRun.Outcome(IMAGES - 1, 1, 0, 0), resumed.await());
        String clean = repository("clean");
        jobs.submit(spec(clean), settings, JobListener.NONE).await();
        assertEquals(datasetJson(clean), datasetJson(source), "cancel + resume writes what an uninterrupted run writes");
    }

    @Test
    void problemsThatStopEveryTaskAreThrownBySubmit() throws Exception {
        String source = repository("bad");
        JobSpec missingDataset = new JobSpec(dir.resolve("demo/demo.ilp"), source, 99, List.of(), null, 20, WriteBack.all());
        var e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> jobs.submit(missingDataset, JobSettings.defaults(), JobListener.NONE));
        assertTrue(e.getMessage().contains("dataset 99"), e.getMessage());
        JobSpec noIlastik = new JobSpec(dir.resolve("demo/demo.ilp"), source, 2, List.of(), null, 20, WriteBack.all(), JobSpec.Engine.ILASTIK,
                Optional.of(dir.resolve("no-ilastik-here")));
        e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> jobs.submit(noIlastik, JobSettings.defaults(), JobListener.NONE));
        assertTrue(e.getMessage().contains("no-ilastik-here"), e.getMessage());
    }
}
