package org.omeroilastik.ilp;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pixel classification applet ({@code PixelClassification}, or {@code PixelClassification01}).
 *
 * @param labels the user's classes in order (channel k of the prediction is label k)
 * @param labelBlocks number of stored label blocks over all lanes
 * @param labelledPixels labelled pixel count per label name
 * @param classifierType the classifier factory's class name, for example ParallelVigraRfLazyflowClassifierFactory
 * @param forests the stored forests, empty when the project holds no trained classifier
 */
public record PixelClassifier(String group, List<Label> labels, int labelBlocks, Map<String, Long> labelledPixels,
        String classifierType, Optional<ForestSummary> forests) implements AppletSummary {
    public PixelClassifier {
        labels = List.copyOf(labels);
        labelledPixels = Map.copyOf(labelledPixels);
    }
}
