package org.omeroilastik.batch;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;

import org.omeroilastik.engine.workflows.ExportSource;
import org.omeroilastik.engine.workflows.OutputSink;
import org.omeroilastik.engine.workflows.OutputSinks;
import org.omeroilastik.engine.workflows.PixelClassificationProject;
import org.omeroilastik.engine.workflows.PixelClassificationRunner;
import org.omeroilastik.engine.workflows.RunOptions;
import org.omeroilastik.ilp.IlpException;
import org.omeroilastik.ilp.IlpProject;
import org.omeroilastik.ilp.IlpReader;
import org.omeroilastik.ilp.LaneDataset;
import org.omeroilastik.image.io.ImageFormat;
import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.image.io.ImageIoException;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.ImageTarget;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.PixelType;

/**
 * {@code run --project P.ilp [options] INPUT...}: ilastik's headless mode on the embedded engine, one
 * output file per input.
 */
final class RunCommand implements Command {
    static final String DEFAULT_PATTERN = "{dataset_dir}/{nickname}_{result_type}";
    private static final Set<String> VALUED = Set.of("project", "export-source", "output-format", "output-filename-format",
            "output-internal-path", "input-axes", "threads", "raw-data");
    private final ServiceLookup services;

    RunCommand(ServiceLookup services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "classify images with a trained project on the embedded engine (ilastik's headless mode)";
    }

    @Override
    public String usage() {
        return """
                Usage: omero-ilastik run --project PROJECT.ilp [OPTIONS] INPUT [INPUT ...]

                Runs a Pixel Classification or Autocontext project on each INPUT with the embedded engine
                (no ilastik or Python needed) and writes one output file per input.

                INPUT is an image file (HDF5, NPY, PNG, TIFF) or, as in ilastik, FILE.h5/DATASET.

                  --project P.ilp                 the trained ilastik project (required)
                  --export-source SOURCE          Probabilities (default), "Simple Segmentation", Uncertainty,
                                                  Features, Labels, "Probabilities Stage 1", "Probabilities Stage 2"
                  --output-format FORMAT          hdf5 (default), tiff, npy
                  --output-filename-format PAT    default '{dataset_dir}/{nickname}_{result_type}' plus the format's
                                                  extension; {nickname} is the file name without extension
                                                  (FILE-DATASET for FILE.h5/DATASET)
                  --output-internal-path NAME     HDF5 dataset of the output (default exported_data)
                  --input-axes AXES               axis order of inputs that do not record one, e.g. zyxc
                  --threads N                     worker threads (default: all cores)

                ilastik's spellings (--export_source, --output_format, --output_filename_format, --raw_data, ...)
                are accepted too. HDF5 output is streamed block by block into NAME.part and renamed when complete.
                Exit codes: 0 every input done, 1 some inputs failed (the rest done), 2 bad usage or project, or
                every input failed.
                """;
    }

    @Override
    public ExitCode run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Options o = Options.parse(args, VALUED, Set.of());
        Path projectFile = Path.of(o.value("project").orElseThrow(() -> new UsageException("--project is required")));
        List<String> inputs = new ArrayList<>(o.positional());
        o.value("raw-data").ifPresent(r -> inputs.add(0, r));
        if (inputs.isEmpty()) {
            throw new UsageException("no input image given");
        }
        ExportSource export = ExportSource.parse(o.value("export-source").orElse("Probabilities"))
                .orElseThrow(() -> new UsageException("unknown export source '" + o.value("export-source").get() + "' (one of "
                        + String.join(", ", java.util.Arrays.stream(ExportSource.values()).map(ExportSource::ilastikName).toList()) + ")"));
        String formatId = normaliseFormat(o.value("output-format").orElse("hdf5"));
        ImageFormats formats = services.get(ImageFormats.class);
        ImageFormat outputFormat = formats.byId(formatId)
                .orElseThrow(() -> new UsageException("unknown output format '" + o.value("output-format").get() + "' (hdf5, tiff or npy)"));
        Optional<AxisOrder> axes;
        try {
            axes = o.value("input-axes").map(AxisOrder::of);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--input-axes: " + e.getMessage());
        }
        RunOptions options = RunOptions.defaults();
        if (o.value("threads").isPresent()) {
            try {
                options = options.withThreads(Integer.parseInt(o.value("threads").get()));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--threads needs a positive number");
            }
        }
        String pattern = o.value("output-filename-format").orElse(DEFAULT_PATTERN);
        String internalPath = o.value("output-internal-path").orElse(ImageTarget.DEFAULT_DATASET);

        PixelClassificationProject project;
        IlpProject summary;
        try {
            summary = services.get(IlpReader.class).read(projectFile);
            project = PixelClassificationProject.load(summary);
        } catch (IlpException e) {
            err.println("omero-ilastik run: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        Optional<PixelType> trainedType = trainingPixelType(summary, formats);
        PixelClassificationRunner runner = new PixelClassificationRunner(project, options);
        out.printf("Project %s: %s, %d stage(s), labels %s; exporting %s as %s with %d thread(s)%n", projectFile,
                summary.workflowName(), project.stages().size(), project.labels().stream().map(l -> l.name()).toList(),
                export.ilastikName(), formatId, options.threads());

        int failures = 0;
        for (int i = 0; i < inputs.size(); i++) {
            String spec = inputs.get(i);
            String prefix = String.format("[%d/%d] ", i + 1, inputs.size());
            ImageSource source = ImageSource.parse(spec);
            if (axes.isPresent()) {
                source = source.withAxes(axes.get());
            }
            try {
                ImageFormat inputFormat = formats.forFile(source.file())
                        .orElseThrow(() -> new ImageIoException(spec + ": unsupported image file type"));
                ImageDescriptor in = inputFormat.describe(source);
                ImageDescriptor outDescriptor = runner.outputDescriptor(in, export);
                if (trainedType.isPresent() && trainedType.get() != in.pixelType()) {
                    throw new ImageIoException(spec + ": pixel type " + in.pixelType().numpyName() + " differs from the "
                            + trainedType.get().numpyName() + " the project was trained on");
                } else if (trainedType.isEmpty() && i == 0) {
                    out.println("note: the project's training data is not at hand, so its pixel type cannot be checked (input is "
                            + in.pixelType().numpyName() + ")");
                }
                Path target = outputPath(pattern, source, export, outputFormat);
                Files.createDirectories(target.toAbsolutePath().getParent());
                ImageTarget imageTarget = new ImageTarget(target, internalPath, 4);
                out.printf("%s%s %s -> %s %s%n", prefix, spec, in, target, outDescriptor);
                long start = System.nanoTime();
                try (OutputSink sink = formatId.equals("hdf5") ? OutputSinks.hdf5(imageTarget) : OutputSinks.inMemory(outputFormat, imageTarget)) {
                    runner.run(source, inputFormat, export, sink, (done, total) -> {
                        out.printf("%s  block %d/%d%n", prefix, done, total);
                        return true;
                    });
                }
                out.printf(Locale.ROOT, "%sdone in %.1f s%n", prefix, (System.nanoTime() - start) / 1e9);
            } catch (IOException | CancellationException | IllegalArgumentException e) {
                failures++;
                err.println("omero-ilastik run: " + spec + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                err.println("omero-ilastik run: interrupted");
                return ExitCode.PARTIAL_FAILURE;
            }
        }
        if (failures == 0) {
            return ExitCode.SUCCESS;
        }
        return failures == inputs.size() ? ExitCode.BAD_INPUT : ExitCode.PARTIAL_FAILURE;
    }

    private static String normaliseFormat(String f) {
        return switch (f.toLowerCase(Locale.ROOT)) {
            case "h5", "hdf5" -> "hdf5";
            case "tif", "tiff", "multipage tiff" -> "tiff";
            default -> f.toLowerCase(Locale.ROOT);
        };
    }

    /** ilastik's output name: the pattern's placeholders filled, the format's extension added when missing. */
    static Path outputPath(String pattern, ImageSource source, ExportSource export, ImageFormat format) {
        Path dir = source.file().toAbsolutePath().getParent();
        String name = pattern.replace("{dataset_dir}", dir.toString()).replace("{nickname}", source.nickname())
                .replace("{result_type}", export.resultType());
        String lower = name.toLowerCase(Locale.ROOT);
        boolean hasExtension = format.extensions().stream().anyMatch(lower::endsWith);
        return Path.of(hasExtension ? name : name + format.extensions().get(0));
    }

    /** The pixel type of the project's training data, when its first lane's raw file is at hand. */
    static Optional<PixelType> trainingPixelType(IlpProject summary, ImageFormats formats) {
        Optional<LaneDataset> raw = summary.lanes().stream().flatMap(l -> l.role("Raw Data").stream()).findFirst();
        if (raw.isEmpty() || !"FileSystem".equals(raw.get().location())) {
            return Optional.empty();
        }
        Path base = summary.file().toAbsolutePath().getParent();
        ImageSource source = ImageSource.parse(base.resolve(raw.get().filePath().replace('\\', '/')).toString());
        if (!Files.isRegularFile(source.file())) {
            return Optional.empty();
        }
        try {
            Optional<ImageFormat> f = formats.forFile(source.file());
            return f.isPresent() ? Optional.of(f.get().describe(raw.get().axes().map(source::withAxes).orElse(source)).pixelType())
                    : Optional.empty();
        } catch (ImageIoException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
