package org.omeroilastik.ilp;

import java.util.List;
import java.util.Optional;

/**
 * An object classifier: {@code ObjectClassification}, or the tracking workflows' {@code
 * CountClassification} and {@code DivisionDetection}.
 *
 * @param labelledObjects number of objects the user labelled, over all lanes and time points
 */
public record ObjectClassifier(String group, List<Label> labels, int labelledObjects, int maxObjects,
        Optional<ForestSummary> forests) implements AppletSummary {
    public ObjectClassifier {
        labels = List.copyOf(labels);
    }
}
