package org.omeroilastik.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.ImageTarget;
import org.omeroilastik.image.io.NdImages;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.PixelType;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.testing.Conformance;
import org.omeroilastik.testing.Services;
import org.omeroilastik.testing.ui.UiRobot;

/**
 * The UI benchmark (bench/ui-stalls.sh, not part of the test run): how long the display thread goes
 * without answering while a real job runs over a dataset in the Jobs perspective, the user clicking
 * through the explorer's images meanwhile. A probe thread posts a ping to the display thread every
 * 5 ms and records how late each one runs; the same probe over the same time with nothing running
 * is the reference. Reports the longest stall and the 99th percentile of both.
 */
@EnabledIfSystemProperty(named = "omero.ilastik.bench", matches = "true")
class DisplayStallBench {
    private static final int IMAGES = Integer.getInteger("omero.ilastik.bench.images", 8);
    private static final int SIZE = Integer.getInteger("omero.ilastik.bench.size", 1024);

    @TempDir
    Path dir;

    /** Posts pings to the display thread and collects how late each ran, in microseconds. */
    private static final class Probe implements AutoCloseable {
        final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Probe(Display display) {
            thread = new Thread(() -> {
                ConcurrentLinkedQueue<Long> inFlight = new ConcurrentLinkedQueue<>();
                while (running.get()) {
                    if (inFlight.isEmpty()) {
                        long posted = System.nanoTime();
                        inFlight.add(posted);
                        display.asyncExec(() -> latencies.add((System.nanoTime() - inFlight.remove()) / 1000));
                    }
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "display-stall-probe");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }

        String report(String what) {
            List<Long> sorted;
            synchronized (latencies) {
                sorted = new ArrayList<>(latencies);
            }
            Collections.sort(sorted);
            long max = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1);
            long p99 = sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.round(sorted.size() * 0.99)));
            return String.format(Locale.ROOT, "%-22s %6d pings   longest stall %8.1f ms   p99 %7.1f ms", what, sorted.size(), max / 1000.0,
                    p99 / 1000.0);
        }

        long longest() {
            synchronized (latencies) {
                return latencies.stream().mapToLong(Long::longValue).max().orElse(0);
            }
        }
    }

    @Test
    void longestDisplayThreadStallDuringARun() throws Exception {
        String source = "local:" + dir.resolve("repo");
        ImageDescriptor d = new ImageDescriptor(AxisOrder.of("yx"), new long[] {SIZE, SIZE}, PixelType.FLOAT32);
        float[] v = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                // blobs on a ramp: something for the forest to separate
                v[y * SIZE + x] = (float) (128 + 100 * Math.sin(x / 9.0) * Math.cos(y / 11.0) + (x + y) % 17);
            }
        }
        Path file = dir.resolve("plane.h5");
        Services.get(ImageFormats.class).byId("hdf5").orElseThrow().write(NdImages.wrap(d, v), ImageTarget.of(file));
        long dataset;
        try (Repository repo = Services.get(Repositories.class).open(source, true)) {
            long project = repo.dataManager().createProject("Bench", "").id();
            dataset = repo.dataManager().createDataset("Planes", "", Optional.of(project)).id();
            for (int i = 0; i < IMAGES; i++) {
                repo.dataManager().importImage(dataset, ImageSource.of(file), String.format("plane_%02d", i));
            }
        }
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = window.getActivePage();
        page.setPerspective(PlatformUI.getWorkbench().getPerspectiveRegistry().findPerspectiveWithId(JobsPerspective.ID));
        DataExplorerView explorer = (DataExplorerView) page.showView(DataExplorerView.ID);
        page.showView(JobsView.ID);
        Shell shell = window.getShell();
        Display display = shell.getDisplay();
        shell.setSize(1280, 800);
        explorer.addConnection(source);
        Tree tree = UiRobot.find(shell, "tree", Tree.class);
        UiRobot.waitUntil(() -> find(tree, source, "Bench") != null, 30_000, "the project");
        explorer.viewer().setExpandedState(find(tree, source, "Bench").getData(), true);
        UiRobot.waitUntil(() -> find(tree, source, "Planes") != null, 30_000, "the dataset");
        explorer.viewer().setExpandedState(find(tree, source, "Planes").getData(), true);
        UiRobot.waitUntil(() -> find(tree, source, "plane_00") != null, 30_000, "the images");

        long start = System.nanoTime();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long displayCpu = threads.getCurrentThreadCpuTime();
        long gcMillis = gcMillis();
        Job job;
        String running;
        try (Probe probe = new Probe(display)) {
            job = explorer.runProject((ExplorerNode) find(tree, source, "Planes").getData(),
                    Conformance.file("pixel/api-2d-1ch/PixelClass.ilp"));
            int click = 0;
            long nextClick = System.nanoTime();
            while (job.getResult() == null) {
                if (System.nanoTime() > nextClick) {
                    // the user looks at one image after another: metadata and thumbnails load meanwhile
                    TreeItem image = find(tree, source, String.format("plane_%02d", click++ % IMAGES));
                    explorer.viewer().setSelection(new org.eclipse.jface.viewers.StructuredSelection(image.getData()), true);
                    nextClick = System.nanoTime() + 300_000_000L;
                }
                if (!display.readAndDispatch()) {
                    display.timerExec(20, () -> { });
                    display.sleep();
                }
            }
            running = probe.report("while the job ran");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        displayCpu = threads.getCurrentThreadCpuTime() - displayCpu;
        gcMillis = gcMillis() - gcMillis;
        assertEquals(IStatus.OK, job.getResult().getSeverity(), job.getResult().toString());
        String idle;
        try (Probe probe = new Probe(display)) {
            long end = System.nanoTime() + (long) (Math.min(seconds, 20) * 1e9);
            while (System.nanoTime() < end) {
                if (!display.readAndDispatch()) {
                    display.timerExec(20, () -> { });
                    display.sleep();
                }
            }
            idle = probe.report("idle (reference)");
        }
        // Where stalls come from: the display thread's own CPU time (our UI code) against the JVM's
        // collection time and the engine's threads competing for the cores.
        String report = String.format(Locale.ROOT, "%d images of %dx%d, %d cores, job %.1f s%n%s%n%s%n"
                + "display thread CPU during the job %.0f ms (%.1f %% of the time); garbage collection %d ms%n", IMAGES, SIZE, SIZE,
                Runtime.getRuntime().availableProcessors(), seconds, running, idle, displayCpu / 1e6, displayCpu / 1e7 / seconds, gcMillis);
        System.out.print(report);
        String out = System.getProperty("omero.ilastik.benchOut");
        if (out != null) {
            Files.writeString(Path.of(out), report);
        }
        assertEquals(List.of(), DisplayThreadGuard.violations(), "no repository or engine work on the display thread");
    }

    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static TreeItem find(Tree tree, String source, String text) {
        return UiRobot.treeItem(tree, source, t -> t.startsWith(text));
    }
}
