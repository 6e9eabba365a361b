package org.omeroilastik.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.omeroilastik.engine.workflows.RunOptions;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A job as the workbench's job editor keeps it (version 2 of the job file, {@code docs/job-files.md}): one
 * project over any number of images and containers of one repository, with write-back, engine, threads and
 * the exporters to call after each image. A run submits one {@link JobSpec} per container and one for all
 * loose images ({@link #specs}). Version 1 files ({@link JobFiles}) read as a document with one input.
 *
 * @param project the .ilp (stored relative to the job file's folder when it lies beside or below it)
 * @param source the repository every input comes from (empty string until the first input is added)
 * @param inputs images and containers, in the order they were added
 * @param roiClass the label whose objects become ROIs (null: the project's first)
 * @param minSize the smallest object, in pixels, that becomes a ROI
 * @param threads engine threads per image (0: every core)
 * @param parallel images at once
 * @param exporters ids of the exporters to call after each image
 * @param exportFolder where exporters write (empty: beside the job file, {@code NAME.exports})
 */
public record JobDocument(Path project, String source, List<Input> inputs, String roiClass, long minSize, Set<WriteBack> writeBack,
        JobSpec.Engine engine, int threads, int parallel, List<String> exporters, Optional<Path> exportFolder) {

    public static final int VERSION = 2;

    /** What an input is. */
    public enum Kind {
        DATASET, PLATE, SCREEN, IMAGE
    }

    /** One input: a container or an image, with the name it had when added (for display only). */
    public record Input(Kind kind, long id, String name) {
        @Override
        public String toString() {
            return kind.name().toLowerCase(Locale.ROOT) + " " + name + " (id " + id + ")";
        }
    }

    public JobDocument {
        inputs = List.copyOf(inputs);
        writeBack = writeBack.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(writeBack));
        exporters = List.copyOf(exporters);
        source = source == null ? "" : source;
        if (threads < 0 || parallel < 1) {
            throw new IllegalArgumentException("threads must be 0 or more and images at once 1 or more (" + threads + ", " + parallel + ")");
        }
    }

    /** A new job of a project with the default write-back and no inputs. */
    public static JobDocument of(Path project, JobSpec.Engine engine, int threads, int parallel) {
        return new JobDocument(project, "", List.of(), null, 50, WriteBack.all(), engine, threads, parallel, List.of(), Optional.empty());
    }

    public JobDocument withInputs(String newSource, List<Input> newInputs) {
        return new JobDocument(project, newSource, newInputs, roiClass, minSize, writeBack, engine, threads, parallel, exporters, exportFolder);
    }

    public JobDocument withObjects(String newRoiClass, long newMinSize) {
        return new JobDocument(project, source, inputs, newRoiClass, newMinSize, writeBack, engine, threads, parallel, exporters, exportFolder);
    }

    public JobDocument withWriteBack(Set<WriteBack> value) {
        return new JobDocument(project, source, inputs, roiClass, minSize, value, engine, threads, parallel, exporters, exportFolder);
    }

    public JobDocument withEngine(JobSpec.Engine value, int newThreads, int newParallel) {
        return new JobDocument(project, source, inputs, roiClass, minSize, writeBack, value, newThreads, newParallel, exporters, exportFolder);
    }

    public JobDocument withExporters(List<String> ids) {
        return new JobDocument(project, source, inputs, roiClass, minSize, writeBack, engine, threads, parallel, ids, exportFolder);
    }

    /**
     * The specs a run submits: one per container, then one for every loose image.
     *
     * @throws IllegalStateException when the job has no input
     */
    public List<JobSpec> specs(Optional<Path> ilastikHome) {
        if (inputs.isEmpty()) {
            throw new IllegalStateException("the job has no inputs: add images, datasets or plates on its Inputs page");
        }
        List<JobSpec> out = new ArrayList<>();
        List<Long> images = new ArrayList<>();
        for (Input in : inputs) {
            switch (in.kind()) {
                case DATASET -> out.add(new JobSpec(project, source, in.id(), List.of(), roiClass, minSize, writeBack, engine, ilastikHome, 0, 0));
                case PLATE -> out.add(new JobSpec(project, source, 0, List.of(), roiClass, minSize, writeBack, engine, ilastikHome, in.id(), 0));
                case SCREEN -> out.add(new JobSpec(project, source, 0, List.of(), roiClass, minSize, writeBack, engine, ilastikHome, 0, in.id()));
                case IMAGE -> images.add(in.id());
            }
        }
        if (!images.isEmpty()) {
            out.add(new JobSpec(project, source, 0, images, roiClass, minSize, writeBack, engine, ilastikHome, 0, 0));
        }
        return out;
    }

    /** Engine threads and images at once. */
    public JobSettings settings() {
        RunOptions options = threads > 0 ? RunOptions.defaults().withThreads(threads) : RunOptions.defaults();
        return JobSettings.defaults().withEngineOptions(options).withConcurrentTasks(parallel);
    }

    /** Where exporters write for a job saved at {@code jobFile}. */
    public Path exportFolder(Path jobFile) {
        String name = jobFile.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return exportFolder.orElse(jobFile.toAbsolutePath().resolveSibling(name + ".exports"));
    }

    /** Reads a job file of version 2, or of version 1 as a document with its one input. */
    public static JobDocument read(Path file) throws IOException {
        return read(JobJson.parse(file), file);
    }

    /** The document of a parsed job file (either version). */
    static JobDocument read(JsonObject o, Path file) throws IOException {
        int version = JobJson.version(o);
        if (version == 1) {
            return fromSpec(JobFiles.read(o, file));
        }
        if (version != VERSION) {
            throw new IOException(file + ": job file version " + version + " is newer than this program reads (" + VERSION + ")");
        }
        try {
            Path project = Path.of(JobJson.required(o, "project", file).getAsString());
            if (!project.isAbsolute()) {
                project = file.toAbsolutePath().getParent().resolve(project).normalize();
            }
            List<Input> inputs = new ArrayList<>();
            for (JsonElement e : o.getAsJsonArray("inputs")) {
                JsonObject i = e.getAsJsonObject();
                Kind kind;
                try {
                    kind = Kind.valueOf(JobJson.required(i, "kind", file).getAsString().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException x) {
                    throw new IOException(file + ": unknown input kind '" + i.get("kind").getAsString() + "' (dataset, plate, screen, image)", x);
                }
                inputs.add(new Input(kind, i.get("id").getAsLong(), i.has("name") ? i.get("name").getAsString() : ""));
            }
            List<String> names = new ArrayList<>();
            for (JsonElement e : o.getAsJsonArray("writeBack")) {
                names.add(e.getAsString());
            }
            List<String> exporters = new ArrayList<>();
            if (o.has("exporters")) {
                for (JsonElement e : o.getAsJsonArray("exporters")) {
                    exporters.add(e.getAsString());
                }
            }
            String roiClass = o.has("roiClass") && !o.get("roiClass").isJsonNull() ? o.get("roiClass").getAsString() : null;
            Optional<Path> exportFolder = o.has("exportFolder") ? Optional.of(Path.of(o.get("exportFolder").getAsString())) : Optional.empty();
            return new JobDocument(project, o.has("source") ? o.get("source").getAsString() : "", inputs, roiClass,
                    o.has("minSize") ? o.get("minSize").getAsLong() : 50, WriteBack.parse(String.join(",", names)),
                    o.has("engine") ? JobSpec.Engine.parse(o.get("engine").getAsString()) : JobSpec.Engine.EMBEDDED,
                    o.has("threads") ? o.get("threads").getAsInt() : 0, o.has("parallel") ? o.get("parallel").getAsInt() : 1, exporters,
                    exportFolder);
        } catch (NullPointerException | UnsupportedOperationException | IllegalStateException | ClassCastException | NumberFormatException e) {
            throw new IOException(file + ": a setting is missing or has the wrong type: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static JobDocument fromSpec(JobSpec s) {
        List<Input> inputs = new ArrayList<>();
        if (s.datasetId() > 0) {
            inputs.add(new Input(Kind.DATASET, s.datasetId(), ""));
        }
        if (s.plateId() > 0) {
            inputs.add(new Input(Kind.PLATE, s.plateId(), ""));
        }
        if (s.screenId() > 0) {
            inputs.add(new Input(Kind.SCREEN, s.screenId(), ""));
        }
        s.imageIds().forEach(id -> inputs.add(new Input(Kind.IMAGE, id, "")));
        return new JobDocument(s.project(), s.source(), inputs, s.roiClass(), s.minSize(), s.writeBack(), s.engine(), 0, 1, List.of(),
                Optional.empty());
    }

    /** Writes atomically: a crash leaves the old file or the new one, never half of one. */
    public void write(Path file) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("format", JobJson.FORMAT);
        o.addProperty("version", VERSION);
        Path folder = file.toAbsolutePath().getParent();
        Path p = project.toAbsolutePath().normalize();
        o.addProperty("project", p.startsWith(folder) ? folder.relativize(p).toString() : p.toString());
        o.addProperty("source", source);
        JsonArray in = new JsonArray();
        for (Input i : inputs) {
            JsonObject j = new JsonObject();
            j.addProperty("kind", i.kind().name().toLowerCase(Locale.ROOT));
            j.addProperty("id", i.id());
            j.addProperty("name", i.name());
            in.add(j);
        }
        o.add("inputs", in);
        if (roiClass != null) {
            o.addProperty("roiClass", roiClass);
        }
        o.addProperty("minSize", minSize);
        JsonArray wb = new JsonArray();
        writeBack.stream().sorted().forEach(w -> wb.add(w.name().toLowerCase(Locale.ROOT)));
        o.add("writeBack", wb);
        o.addProperty("engine", engine.name().toLowerCase(Locale.ROOT));
        o.addProperty("threads", threads);
        o.addProperty("parallel", parallel);
        JsonArray ex = new JsonArray();
        exporters.forEach(ex::add);
        o.add("exporters", ex);
        exportFolder.ifPresent(f -> o.addProperty("exportFolder", f.toString()));
        Files.createDirectories(folder);
        JobJson.write(o, file);
    }
}
