package org.omeroilastik.jobs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Job files: a {@link JobSpec} as JSON, what the workbench saves and {@code batch --job FILE} runs. A relative project
 * path is resolved against the job file's folder, so a job and its .ilp can move together. Where ilastik is installed
 * is a fact of the machine, not of the job: it is never stored.
 *
 * <pre>
 * {"format": "omero-ilastik-job", "version": 1, "project": "demo.ilp", "source": "local:/data/repo",
 *  "dataset": 2, "images": [], "roiClass": "Cells", "minSize": 50,
 *  "writeBack": ["rois", "probabilities", "segmentation", "table", "project", "provenance"], "engine": "embedded"}
 * </pre>
 */
public final class JobFiles {
    private JobFiles() {
    }

    public static JobSpec read(Path file) throws IOException {
        return read(JobJson.parse(file), file);
    }

    /** The job of a parsed job file (either version). */
    static JobSpec read(JsonObject o, Path file) throws IOException {
        if (JobJson.version(o) == JobDocument.VERSION) {
            // The workbench's jobs (several inputs, exporters): one container or image list runs here.
            List<JobSpec> specs;
            try {
                specs = JobDocument.read(o, file).specs(java.util.Optional.empty());
            } catch (IllegalStateException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
            if (specs.size() != 1) {
                throw new IOException(file + ": the job runs over " + specs.size() + " containers or image lists; batch --job runs one "
                        + "(run it from the workbench, or keep one input)");
            }
            return specs.get(0);
        }
        if (JobJson.version(o) != 1) {
            throw new IOException(file + ": job file version " + o.get("version") + " is newer than this program reads (1, "
                    + JobDocument.VERSION + ")");
        }
        try {
            Path project = Path.of(JobJson.required(o, "project", file).getAsString());
            if (!project.isAbsolute()) {
                project = file.toAbsolutePath().getParent().resolve(project).normalize();
            }
            String source = JobJson.required(o, "source", file).getAsString();
            long dataset = o.has("dataset") ? o.get("dataset").getAsLong() : 0;
            List<Long> images = new ArrayList<>();
            if (o.has("images")) {
                for (JsonElement e : o.getAsJsonArray("images")) {
                    images.add(e.getAsLong());
                }
            }
            long plate = o.has("plate") ? o.get("plate").getAsLong() : 0;
            long screen = o.has("screen") ? o.get("screen").getAsLong() : 0;
            if ((dataset > 0 ? 1 : 0) + (plate > 0 ? 1 : 0) + (screen > 0 ? 1 : 0) + (images.isEmpty() ? 0 : 1) != 1) {
                throw new IOException(file + ": give exactly one of \"dataset\", \"plate\", \"screen\" and \"images\"");
            }
            String roiClass = o.has("roiClass") && !o.get("roiClass").isJsonNull() ? o.get("roiClass").getAsString() : null;
            long minSize = o.has("minSize") ? o.get("minSize").getAsLong() : 50;
            var writeBack = WriteBack.all();
            if (o.has("writeBack")) {
                List<String> names = new ArrayList<>();
                for (JsonElement e : o.getAsJsonArray("writeBack")) {
                    names.add(e.getAsString());
                }
                writeBack = WriteBack.parse(String.join(",", names));
            }
            JobSpec.Engine engine = o.has("engine") ? JobSpec.Engine.parse(o.get("engine").getAsString()) : JobSpec.Engine.EMBEDDED;
            return new JobSpec(project, source, dataset, images, roiClass, minSize, writeBack, engine, java.util.Optional.empty(), plate,
                    screen);
        } catch (UnsupportedOperationException | IllegalStateException | ClassCastException | NumberFormatException e) {
            throw new IOException(file + ": a setting has the wrong type: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes atomically: a crash leaves the old file or the new one, never half of one. */
    public static void write(JobSpec spec, Path file) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("format", JobJson.FORMAT);
        o.addProperty("version", 1);
        o.addProperty("project", spec.project().toString());
        o.addProperty("source", spec.source());
        if (spec.datasetId() > 0) {
            o.addProperty("dataset", spec.datasetId());
        }
        if (spec.plateId() > 0) {
            o.addProperty("plate", spec.plateId());
        }
        if (spec.screenId() > 0) {
            o.addProperty("screen", spec.screenId());
        }
        JsonArray images = new JsonArray();
        spec.imageIds().forEach(images::add);
        o.add("images", images);
        if (spec.roiClass() != null) {
            o.addProperty("roiClass", spec.roiClass());
        }
        o.addProperty("minSize", spec.minSize());
        JsonArray writeBack = new JsonArray();
        spec.writeBack().stream().sorted().forEach(w -> writeBack.add(w.name().toLowerCase(Locale.ROOT)));
        o.add("writeBack", writeBack);
        o.addProperty("engine", spec.engine().name().toLowerCase(Locale.ROOT));
        JobJson.write(o, file);
    }
}
