package org.omeroilastik.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.omeroilastik.engine.workflows.ExportSource;
import org.omeroilastik.engine.workflows.ProgressListener;
import org.omeroilastik.engine.workflows.RunOptions;
import org.omeroilastik.image.io.ImageFormat;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.ImageTarget;
import org.omeroilastik.model.ImageDescriptor;

/**
 * An installed ilastik run headless, once per image and export, writing straight into the target file:
 * {@code run_ilastik.sh --headless --project=P --export_source=S --output_format=hdf5 --output_filename_format=F
 * --output_internal_path=D --raw_data=FILE/DATASET}. Its output is checked against the shape the project must give.
 */
final class IlastikHeadlessEngine implements PixelEngine {
    static final String SYSTEM_PROPERTY = "omero.ilastik.ilastikHome";
    private final Path runIlastik;
    private final Path project;
    private final ImageFormat hdf5;
    private final ExpectedOutput expected;
    private final RunOptions options;

    /** The descriptor the project's export must have for an input. */
    interface ExpectedOutput {
        ImageDescriptor of(ImageSource source, ExportSource export) throws IOException;
    }

    IlastikHeadlessEngine(Path runIlastik, Path project, ImageFormat hdf5, ExpectedOutput expected, RunOptions options) {
        this.options = options;
        this.runIlastik = runIlastik;
        this.project = project.toAbsolutePath();
        this.hdf5 = hdf5;
        this.expected = expected;
    }

    /** run_ilastik.sh in the given folder, else in ILASTIK_HOME or the system property; a clear error when absent. */
    static Path locate(Optional<Path> home) throws IOException {
        Optional<Path> dir = home.or(() -> Optional.ofNullable(System.getProperty(SYSTEM_PROPERTY)).map(Path::of))
                .or(() -> Optional.ofNullable(System.getenv("ILASTIK_HOME")).map(Path::of));
        if (dir.isEmpty()) {
            throw new IOException("engine ilastik: no ilastik installation given (--ilastik-home DIR or ILASTIK_HOME)");
        }
        Path script = dir.get().resolve("run_ilastik.sh");
        if (!Files.isExecutable(script)) {
            throw new IOException("engine ilastik: " + script + " is missing or not executable");
        }
        return script;
    }

    /** lazyflow's own settings for the same threads and memory the embedded engine would use. */
    static Map<String, String> environment(RunOptions options) {
        return Map.of("LAZYFLOW_THREADS", Integer.toString(options.threads()),
                "LAZYFLOW_TOTAL_RAM_MB", Long.toString(options.memoryBudget() >> 20));
    }

    @Override
    public String describe() {
        return "ilastik-headless " + runIlastik;
    }

    @Override
    public void export(ImageSource source, Map<ExportSource, ImageTarget> targets, ProgressListener progress, BooleanSupplier cancelled)
            throws IOException, InterruptedException {
        // ilastik exports one source per run.
        int done = 0;
        for (var e : targets.entrySet()) {
            exportOne(source, e.getKey(), e.getValue(), cancelled);
            if (!progress.blockDone(++done, targets.size())) {
                throw new CancellationException("cancelled after " + done + " of " + targets.size() + " ilastik runs");
            }
        }
    }

    private void exportOne(ImageSource source, ExportSource export, ImageTarget target, BooleanSupplier cancelled)
            throws IOException, InterruptedException {
        ImageDescriptor want = expected.of(source, export);
        List<String> command = new ArrayList<>(List.of(runIlastik.toString(), "--headless", "--project=" + project,
                "--export_source=" + export.ilastikName(), "--output_format=hdf5", "--output_filename_format=" + target.file(),
                "--output_internal_path=" + target.internalPath(), "--raw_data=" + source.describe()));
        Path log = Files.createTempFile("omero-ilastik-ilastik", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment(options));
            Process p = builder.start();
            try {
                while (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
                    if (cancelled.getAsBoolean()) {
                        throw new CancellationException("cancelled while ilastik ran");
                    }
                }
            } catch (InterruptedException | CancellationException e) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
                throw e;
            }
            int exit = p.exitValue();
            if (exit != 0) {
                throw new IOException("ilastik (" + runIlastik + ") exited with " + exit + " on " + source.describe() + ": " + tail(log));
            }
        } finally {
            Files.deleteIfExists(log);
        }
        ImageSource written = new ImageSource(target.file(), Optional.of(target.internalPath()), Optional.empty());
        if (!Files.isRegularFile(target.file())) {
            throw new IOException("ilastik (" + runIlastik + ") wrote no " + target.file());
        }
        ImageDescriptor got = hdf5.describe(written);
        if (!Arrays.equals(got.shape(), want.shape()) || got.pixelType() != want.pixelType() || !got.axes().equals(want.axes())) {
            throw new IOException("ilastik (" + runIlastik + ") wrote " + got + " for " + export.ilastikName() + " of " + source.describe()
                    + ", expected " + want);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
