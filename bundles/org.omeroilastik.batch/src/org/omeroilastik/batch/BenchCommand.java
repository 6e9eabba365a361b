package org.omeroilastik.batch;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.omeroilastik.engine.features.Simd;
import org.omeroilastik.engine.workflows.ExportSource;
import org.omeroilastik.engine.workflows.OutputSinks;
import org.omeroilastik.engine.workflows.PixelClassificationProject;
import org.omeroilastik.engine.workflows.PixelClassificationRunner;
import org.omeroilastik.engine.workflows.RunOptions;
import org.omeroilastik.ilp.IlpException;
import org.omeroilastik.ilp.IlpReader;
import org.omeroilastik.image.io.ImageFormat;
import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.ImageTarget;
import org.omeroilastik.image.io.NdImages;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.PixelType;

/**
 * {@code bench}: our engine against the vigra reference ({@code bench/vigra_reference.py}, Debian's
 * python3-vigra on ilastik's schedule, forests on 2 threads) on the same inputs in one invocation:
 * apoptotic-2d, and a synthetic stack of the seed's idr0062 shape with PixelClassification3d2c.ilp.
 */
final class BenchCommand implements Command {
    private final ServiceLookup services;

    BenchCommand(ServiceLookup services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "time the embedded engine against vigra on ilastik's schedule (needs ../shared/conformance and python3-vigra)";
    }

    @Override
    public String usage() {
        return """
                Usage: omero-ilastik bench [--conformance DIR] [--work DIR] [--planes N] [--skip-reference]

                Runs, in one invocation, the embedded engine (in this process) and the vigra reference
                (bench/vigra_reference.py with Debian's python3-vigra: presmoothing once per scale, features at
                their small scale, the project's forests on 2 threads) on:
                  1. apoptotic-2d (1024x1344, 29 feature channels, 100 trees)
                  2. a synthetic 237x218x212 stack with 2 channels (the seed's idr0062 shape) and
                     projects/PixelClassification3d2c.ilp
                and prints both times (computation, input already on disk), their ratio and our peak heap.
                DIR defaults to ../shared/conformance next to the installation's source tree.
                """;
    }

    @Override
    public ExitCode run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Options o = Options.parse(args, Set.of("conformance", "work", "planes"), Set.of("skip-reference"));
        Path root = Path.of(System.getProperty("omero.ilastik.home", ".")).toAbsolutePath();
        Path corpus = Path.of(o.value("conformance").orElse(root.resolve("../shared/conformance").toString())).normalize();
        Path work = Path.of(o.value("work").orElse(System.getProperty("java.io.tmpdir") + "/omero-ilastik-bench"));
        int planes = Integer.parseInt(o.value("planes").orElse("237"));
        Path script = root.resolve("bench/vigra_reference.py");
        boolean reference = !o.flag("skip-reference");
        if (!Files.isRegularFile(corpus.resolve("cases.json"))) {
            err.println("omero-ilastik bench: the conformance corpus is not at " + corpus + " (give --conformance DIR)");
            return ExitCode.BAD_INPUT;
        }
        if (reference && !Files.isRegularFile(script)) {
            err.println("omero-ilastik bench: " + script + " is missing (run from the source tree, or give --skip-reference)");
            return ExitCode.BAD_INPUT;
        }
        try {
            Files.createDirectories(work);
            out.printf("%d cores, max heap %d MiB, filters on %s%n", Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20, Simd.enabled() ? "vector lanes" : "scalar loops");
            bench(out, "apoptotic-2d", corpus.resolve("pixel/apoptotic-2d/pixel_class_2d_cells_apoptotic.ilp"),
                    corpus.resolve("pixel/apoptotic-2d/2d_cells_apoptotic_1channel.h5"), "data", "tzyxc", work, script, reference, true);
            Path stack = work.resolve("idr0062-like-" + planes + ".h5");
            if (!Files.isRegularFile(stack)) {
                synthesise(stack, planes);
            }
            bench(out, "stack " + planes + "x218x212x2", corpus.resolve("projects/PixelClassification3d2c.ilp"), stack, "data", "zyxc", work,
                    script, reference, false);
            return ExitCode.SUCCESS;
        } catch (IOException e) {
            err.println("omero-ilastik bench: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.PARTIAL_FAILURE;
        }
    }

    private void bench(PrintStream out, String name, Path project, Path input, String dataset, String axes, Path work, Path script,
            boolean reference, boolean warmUp) throws IOException, InterruptedException {
        ImageFormats formats = services.get(ImageFormats.class);
        ImageFormat hdf5 = formats.byId("hdf5").orElseThrow();
        PixelClassificationProject p;
        try {
            p = PixelClassificationProject.load(services.get(IlpReader.class).read(project));
        } catch (IlpException e) {
            throw new IOException(e.getMessage(), e);
        }
        ImageSource source = ImageSource.parse(input + "/" + dataset).withAxes(AxisOrder.of(axes));
        Path target = work.resolve("engine.h5");
        PixelClassificationRunner runner = new PixelClassificationRunner(p, RunOptions.defaults());
        if (warmUp) {
            // A batch classifies many images in one JVM: time the engine after the JIT has compiled it.
            runner.run(source, hdf5, ExportSource.PROBABILITIES, OutputSinks.hdf5(ImageTarget.of(target)), (a, b) -> true);
        }
        HeapSampler heap = new HeapSampler();
        long t0 = System.nanoTime();
        try {
            runner.run(source, hdf5, ExportSource.PROBABILITIES, OutputSinks.hdf5(ImageTarget.of(target)), (a, b) -> true);
        } finally {
            heap.stop();
        }
        double engine = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "%-22s engine %8.2f s   peak heap %6d MiB%n", name, engine, heap.peak() >> 20);
        if (!reference) {
            return;
        }
        Process proc = new ProcessBuilder("/usr/bin/python3", script.toString(), project.toString(), input.toString(), dataset, axes,
                work.resolve("vigra.h5").toString()).redirectErrorStream(true).start();
        String text = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!proc.waitFor(2, TimeUnit.HOURS) || proc.exitValue() != 0) {
            throw new IOException("the vigra reference failed: " + text);
        }
        String[] last = text.substring(text.lastIndexOf('\n') + 1).split(" ");
        double vigra = Double.parseDouble(last[0]);
        out.printf(Locale.ROOT, "%-22s vigra  %8.2f s   (%s feature channels)   ratio vigra/engine %.2f%n", name, vigra, last[1], vigra / engine);
    }

    /** A smooth random 2-channel uint8 stack, z y x c, written as ilastik HDF5. */
    private void synthesise(Path file, int planes) throws IOException {
        int ny = 218, nx = 212, nc = 2;
        byte[] v = new byte[planes * ny * nx * nc];
        SplittableRandom r = new SplittableRandom(62);
        float[] coarse = new float[(planes / 6 + 2) * (ny / 6 + 2) * (nx / 6 + 2) * nc];
        for (int i = 0; i < coarse.length; i++) {
            coarse[i] = (float) r.nextDouble() * 200;
        }
        int cy = ny / 6 + 2, cx = nx / 6 + 2;
        for (int z = 0; z < planes; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    for (int c = 0; c < nc; c++) {
                        float base = coarse[(((z / 6) * cy + y / 6) * cx + x / 6) * nc + c];
                        v[((z * ny + y) * nx + x) * nc + c] = (byte) Math.min(255, (int) (base + r.nextDouble() * 55));
                    }
                }
            }
        }
        ImageDescriptor d = new ImageDescriptor(AxisOrder.of("zyxc"), new long[] {planes, ny, nx, nc}, PixelType.UINT8);
        services.get(ImageFormats.class).byId("hdf5").orElseThrow().write(NdImages.wrap(d, v), new ImageTarget(file, "data", 1));
    }

    /** Samples the used heap every 20 ms on a daemon thread (after a full GC), so the peak is the real high-water mark. */
    private static final class HeapSampler {
        private final Thread thread;
        private volatile boolean running = true;
        private volatile long peak;

        HeapSampler() {
            System.gc();
            Runtime rt = Runtime.getRuntime();
            thread = new Thread(() -> {
                while (running) {
                    peak = Math.max(peak, rt.totalMemory() - rt.freeMemory());
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        long peak() {
            return peak;
        }
    }
}
