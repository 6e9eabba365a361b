package org.omeroilastik.batch;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.omeroilastik.engine.workflows.RunOptions;
import org.omeroilastik.jobs.JobFiles;
import org.omeroilastik.jobs.JobPlan;
import org.omeroilastik.jobs.JobRun;
import org.omeroilastik.jobs.JobService;
import org.omeroilastik.jobs.JobSettings;
import org.omeroilastik.jobs.JobSpec;
import org.omeroilastik.jobs.WriteBack;
import org.omeroilastik.model.repository.Image;

/** {@code batch}: run a project over a dataset (or given images) and write the results back. */
final class BatchCommand implements Command {
    private final ServiceLookup services;

    BatchCommand(ServiceLookup services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "batch";
    }

    @Override
    public String summary() {
        return "run a project over a dataset's images and write ROIs, maps, tables and provenance back";
    }

    @Override
    public String usage() {
        return """
                Usage: omero-ilastik batch --source local:DIR (--dataset ID | --plate ID | --screen ID | --image ID[,ID...])
                                           --project P.ilp
                                           [--roi-class LABEL] [--min-size PIXELS] [--write-back LIST]
                                           [--export-source "Uncertainty,Features"] [--journal FILE]
                                           [--resume] [--dry-run] [--threads N] [--memory MiB] [--parallel N]
                                           [--engine embedded|ilastik] [--ilastik-home DIR]
                                           [--trust-cert FILE] [--pixel-source auto|pixel-buffer|zarr|ome-tiff|rendered]
                       omero-ilastik batch --job FILE [--journal FILE] [--resume] [--dry-run] [--threads N]
                                           [--parallel N] [--ilastik-home DIR]

                Runs a Pixel Classification or Autocontext project on every image of the dataset, or every
                well field of the plate or of the screen's plates (results of earlier runs are never inputs),
                and writes back, under keys "PROJECT.ilp/KIND" that a rerun replaces instead of duplicating:
                  rois           polygons of the objects of --roi-class (default: the project's first label),
                                 per plane, at least --min-size pixels (default 50), as Fiji's Analyze Particles
                  probabilities  the probability map, as a derived image
                  segmentation   the Simple Segmentation, as a derived image
                  table          one row per ROI: area, centroid, bounding box, mean intensity per channel
                                 (pixels, and physical units where the image has pixel sizes)
                  project        the .ilp attached to the dataset
                  provenance     key-value pairs: project and its SHA-256, workflow, ilastik version, our
                                 version, engine, exports, date, user
                  masks          (not by default) a mask shape on every ROI beside its polygon
                --write-back takes a comma list (default: all but masks). --export-source adds derived
                images of more of ilastik's export sources: Uncertainty, Features (and Probabilities,
                "Simple Segmentation", the same as the write-backs of those names). Each finished image is journalled (default
                DIR/jobs/PROJECT-dataset-ID.journal) after all its writes succeeded; --resume skips them.
                --dry-run lists what would be read and written. --parallel runs N images at once (default 1;
                each uses --threads engine threads, default all cores; --memory MiB is the engine's budget for
                the blocks in flight of one image, default 256 MiB per thread). Ctrl-C stops after the current
                blocks, discarding unfinished outputs; --resume continues. --job runs a saved job file (JSON, see
                docs/cli.md) instead of the settings on the command line.
                On omero:https://HOST sources, credentials come from OMERO_USER and OMERO_PASSWORD (or a prompt),
                --trust-cert adds the server's certificate, --pixel-source chooses how raw pixels are read
                (auto: omero-ms-pixel-buffer, else omero-web-zarr, else render_ome_tiff; rendered only when
                asked for, 8-bit and lossy, labelled in provenance); see docs/omero-web.md.
                --engine ilastik runs an installed ilastik headless (DIR/run_ilastik.sh, DIR from
                --ilastik-home, else ILASTIK_HOME) instead of the embedded engine, with LAZYFLOW_THREADS and
                LAZYFLOW_TOTAL_RAM_MB set from --threads and --memory.
                Exit codes: 0 all images done, 1 some failed (the rest done), 2 bad usage or nothing done.
                """;
    }

    @Override
    public ExitCode run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Options o = Options.parse(args, Set.of("job", "source", "dataset", "image", "project", "roi-class", "min-size", "write-back",
                "journal", "threads", "engine", "ilastik-home", "plate", "screen", "parallel", "export-source", "trust-cert", "pixel-source",
                "memory"), Set.of("resume", "dry-run"));
        OmeroOptions.apply(o);
        JobSettings settings = JobSettings.defaults().withResume(o.flag("resume"));
        try {
            RunOptions engine = RunOptions.defaults();
            if (o.value("threads").isPresent()) {
                engine = engine.withThreads(Integer.parseInt(o.value("threads").get()));
            }
            if (o.value("memory").isPresent()) {
                long mib = Long.parseLong(o.value("memory").get());
                if (mib < 1) {
                    throw new IllegalArgumentException("--memory " + mib);
                }
                engine = engine.withMemoryBudget(mib << 20);
            }
            settings = settings.withEngineOptions(engine);
            if (o.value("parallel").isPresent()) {
                settings = settings.withConcurrentTasks(Integer.parseInt(o.value("parallel").get()));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("--threads, --parallel and --memory take a positive number: " + e.getMessage());
        }
        if (o.value("journal").isPresent()) {
            settings = settings.withJournal(Path.of(o.value("journal").get()));
        }
        JobSpec spec;
        if (o.value("job").isPresent()) {
            for (String setting : List.of("source", "dataset", "plate", "screen", "image", "project", "roi-class", "min-size", "write-back",
                    "engine", "export-source")) {
                if (o.value(setting).isPresent()) {
                    throw new UsageException("--" + setting + " comes from the job file; give either --job or the settings");
                }
            }
            try {
                spec = JobFiles.read(Path.of(o.value("job").get()));
            } catch (IOException e) {
                err.println("omero-ilastik batch: " + e.getMessage());
                return ExitCode.BAD_INPUT;
            }
        } else {
            spec = specFromOptions(o);
        }
        if (o.value("ilastik-home").isPresent()) {
            spec = spec.withIlastikHome(Path.of(o.value("ilastik-home").get()));
        }
        JobService jobs = services.get(JobService.class);
        if (o.flag("dry-run")) {
            try {
                JobPlan plan = jobs.plan(spec, settings);
                out.printf("Would process %d image(s) with %s, writing back %s under keys %s:%n", plan.images().size(),
                        spec.project().getFileName(), spec.writeBack().stream().map(w -> w.name().toLowerCase()).sorted().toList(),
                        plan.keyPrefix() + "*");
                for (Image image : plan.images()) {
                    out.printf("  %s image %d \"%s\" %s%n", plan.alreadyDone().contains(image.id()) ? "skip (journal)" : "read",
                            image.id(), image.name(), image.pixels());
                }
                out.println("Journal: " + plan.journal());
                return ExitCode.SUCCESS;
            } catch (IOException e) {
                err.println("omero-ilastik batch: " + e.getMessage());
                return ExitCode.BAD_INPUT;
            }
        }
        JobRun run;
        try {
            run = jobs.submit(spec, settings, new PrintingJobListener(out, err, "batch", true));
        } catch (IOException e) {
            err.println("omero-ilastik batch: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        out.printf("Batch: %s over %d image(s) of %s; journal %s%n", spec.project().getFileName(), run.tasks().size(), spec.source(),
                run.journal());
        // Ctrl-C: stop after the current blocks, so nothing half-written stays and --resume continues.
        Thread hook = new Thread(() -> {
            run.cancel();
            try {
                run.await();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "omero-ilastik-batch-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        JobRun.Outcome outcome;
        try {
            outcome = run.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.cancel();
            err.println("omero-ilastik batch: interrupted; finished images are journalled, rerun with --resume");
            return ExitCode.PARTIAL_FAILURE;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
        out.printf("Summary: %d done, %d skipped (already done), %d failed%s%n", outcome.done(), outcome.skipped(), outcome.failed(),
                outcome.cancelled() > 0 ? ", " + outcome.cancelled() + " cancelled" : "");
        if (outcome.failed() + outcome.cancelled() == 0) {
            return ExitCode.SUCCESS;
        }
        return outcome.done() + outcome.skipped() > 0 ? ExitCode.PARTIAL_FAILURE : ExitCode.BAD_INPUT;
    }

    static JobSpec specFromOptions(Options o) throws UsageException {
        String source = o.value("source").orElseThrow(() -> new UsageException("--source is required, e.g. --source local:DIR"));
        Path ilp = Path.of(o.value("project").orElseThrow(() -> new UsageException("--project is required")));
        if (Stream.of("dataset", "plate", "screen", "image").filter(k -> o.value(k).isPresent()).count() != 1) {
            throw new UsageException("give exactly one of --dataset ID, --plate ID, --screen ID and --image ID[,ID...]");
        }
        long dataset = 0;
        long plate = 0;
        long screen = 0;
        List<Long> images = new ArrayList<>();
        long minSize;
        try {
            if (o.value("dataset").isPresent()) {
                dataset = Long.parseLong(o.value("dataset").get());
            } else if (o.value("plate").isPresent()) {
                plate = Long.parseLong(o.value("plate").get());
            } else if (o.value("screen").isPresent()) {
                screen = Long.parseLong(o.value("screen").get());
            } else {
                for (String s : o.value("image").get().split(",")) {
                    images.add(Long.parseLong(s.strip()));
                }
            }
            minSize = Long.parseLong(o.value("min-size").orElse("50"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("ids and --min-size take numbers: " + e.getMessage());
        }
        Set<WriteBack> writeBack;
        try {
            writeBack = EnumSet.copyOf(o.value("write-back").map(WriteBack::parse).orElse(WriteBack.all()));
            for (String export : o.value("export-source").map(v -> v.split(",")).orElse(new String[0])) {
                writeBack.add(WriteBack.ofExportSource(export.strip()));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        JobSpec.Engine engine;
        try {
            engine = JobSpec.Engine.parse(o.value("engine").orElse("embedded"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--engine: " + e.getMessage());
        }
        try {
            return new JobSpec(ilp, source, dataset, images, o.value("roi-class").orElse(null), minSize, writeBack, engine, Optional.empty(),
                    plate, screen);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
