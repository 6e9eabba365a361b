package org.omeroilastik.jobs;

import java.nio.file.Path;
import java.util.List;
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
 */
public record JobSpec(Path project, String source, long datasetId, List<Long> imageIds, String roiClass, long minSize,
        Set<WriteBack> writeBack) {
    public JobSpec {
        imageIds = List.copyOf(imageIds);
        writeBack = Set.copyOf(writeBack);
    }
}
