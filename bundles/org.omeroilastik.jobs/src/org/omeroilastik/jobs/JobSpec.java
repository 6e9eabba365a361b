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
 * @param datasetId the dataset whose images are processed (0 when {@code imageIds} are given)
 * @param imageIds explicit images (empty when a dataset is given)
 * @param roiClass the label whose objects become ROIs (null: the project's first label)
 * @param minSize the smallest object, in pixels, that becomes a ROI
 * @param writeBack what to write back
 * @param engine which engine computes the exports
 * @param ilastikHome for {@link Engine#ILASTIK}: the ilastik installation (empty: from ILASTIK_HOME)
 */
public record JobSpec(Path project, String source, long datasetId, List<Long> imageIds, String roiClass, long minSize,
        Set<WriteBack> writeBack, Engine engine, Optional<Path> ilastikHome) {

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
    }

    /** A job on the embedded engine. */
    public JobSpec(Path project, String source, long datasetId, List<Long> imageIds, String roiClass, long minSize,
            Set<WriteBack> writeBack) {
        this(project, source, datasetId, imageIds, roiClass, minSize, writeBack, Engine.EMBEDDED, Optional.empty());
    }
}
