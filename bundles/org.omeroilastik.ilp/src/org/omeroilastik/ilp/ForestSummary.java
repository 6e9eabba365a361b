package org.omeroilastik.ilp;

import java.util.List;

/**
 * The random forests stored in vigra's HDF5 layout under a {@code ClassifierForests} group.
 *
 * @param count number of {@code Forest####} groups (ilastik trains several in parallel)
 * @param trees total number of trees over all forests
 * @param featureCount number of feature columns the trees were trained on
 * @param classes number of classes they predict
 * @param featureNames the stored {@code feature_names}, empty if absent
 */
public record ForestSummary(int count, int trees, int featureCount, int classes, List<String> featureNames) {
    public ForestSummary {
        featureNames = List.copyOf(featureNames);
    }
}
