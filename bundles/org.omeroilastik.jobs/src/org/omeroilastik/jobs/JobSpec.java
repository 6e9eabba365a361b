package org.omeroilastik.jobs;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One batch job: a trained project run over images of a repository.
 *
 * @param project the .ilp
 * @param source the repository, e.g. local:/data/repo
 * @param datasetId the dataset whose images are processed (0 when another container or {@code imageIds} are given)
 * @param imageIds explicit images (empty when a dataset is given)
 * @param roiClass the label whose objects become ROIs (null: the project's first label)
 * @param minSize the smallest object, in pixels, that becomes a ROI
 * @param writeBack what to write back
 * @param engine which engine computes the exports
 * @param ilastikHome for {@link Engine#ILASTIK}: the ilastik installation (empty: from ILASTIK_HOME)
 * @param plateId the plate whose well fields are processed (0: none)
 * @param screenId the screen whose plates' well fields are processed (0: none)
 */
public record JobSpec(Path project, String source, long datasetId, List<Long> imageIds, String roiClass, long minSize,
        Set<WriteBack> writeBack, Engine engine, Optional<Path> ilastikHome, long plateId, long screenId) {

    /** The embedded engine, or an installed ilastik run headless. */
    public enum Engine {
        EMBEDDED, ILASTIK;

        public static Engine parse(String name) {
            return switch (name.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "embedded" -> EMBEDDED;
                case "ilastik" -> ILASTIK;
                default -> throw new IllegalArgumentException("unknown engine '" + name + "' (embedded, ilastik)");
            };
        }
    }

    public JobSpec {
        imageIds = List.copyOf(imageIds);
        writeBack = Set.copyOf(writeBack);
        int containers = (datasetId > 0 ? 1 : 0) + (plateId > 0 ? 1 : 0) + (screenId > 0 ? 1 : 0) + (imageIds.isEmpty() ? 0 : 1);
        if (containers != 1) {
            throw new IllegalArgumentException("a job runs over exactly one of a dataset, a plate, a screen or a list of images");
        }
    }

    /** A job over a dataset or images. */
    public JobSpec(Path project, String source, long datasetId, List<Long> imageIds, String roiClass, long minSize,
            Set<WriteBack> writeBack, Engine engine, Optional<Path> ilastikHome) {
        this(project, source, datasetId, imageIds, roiClass, minSize, writeBack, engine, ilastikHome, 0, 0);
    }

    /** The same job with another ilastik installation. */
    public JobSpec withIlastikHome(Path home) {
        return new JobSpec(project, source, datasetId, imageIds, roiClass, minSize, writeBack, engine, Optional.of(home), plateId, screenId);
    }

    /** Names what the job runs over, e.g. "dataset-2", "plate-7", "screen-6", "images-3,5". */
    public String containerName() {
        if (datasetId > 0) {
            return "dataset-" + datasetId;
        }
        if (plateId > 0) {
            return "plate-" + plateId;
        }
        if (screenId > 0) {
            return "screen-" + screenId;
        }
        return "images-" + String.join(",", imageIds.stream().map(String::valueOf).toList());
    }

    /**
     * Where the job is journalled by default: {@code DIR/jobs/PROJECT.ilp-CONTAINER.journal} inside a
     * local repository, else {@code ~/.omero-ilastik/jobs/HASH-PROJECT.ilp-CONTAINER.journal}, HASH
     * naming the server and the project's path.
     */
    public Path defaultJournal() {
        String what = imageIds.isEmpty() ? containerName() : "images-" + digest(imageIds.toString());
        String name = project.getFileName() + "-" + what + ".journal";
        if (source.startsWith("local:")) {
            return Path.of(source.substring("local:".length())).resolve("jobs").resolve(name);
        }
        // Ids repeat across servers: the server (and the project's full path) are part of the name.
        return Path.of(System.getProperty("user.home"), ".omero-ilastik", "jobs",
                digest(source + "\n" + project.toAbsolutePath().normalize()) + "-" + name);
    }

    private static String digest(String s) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A job on the embedded engine. */
    public JobSpec(Path project, String source, long datasetId, List<Long> imageIds, String roiClass, long minSize,
            Set<WriteBack> writeBack) {
        this(project, source, datasetId, imageIds, roiClass, minSize, writeBack, Engine.EMBEDDED, Optional.empty());
    }
}
