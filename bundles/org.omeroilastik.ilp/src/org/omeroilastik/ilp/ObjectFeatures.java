package org.omeroilastik.ilp;

import java.util.List;
import java.util.Map;

/**
 * Selected object features per plugin ({@code ObjectExtraction/Features} or a classifier's
 * {@code SelectedFeatures}) and the neighbourhood margin, when one is set.
 */
public record ObjectFeatures(String group, Map<String, List<String>> featuresByPlugin, int[] margin) implements AppletSummary {
    public ObjectFeatures {
        featuresByPlugin = Map.copyOf(featuresByPlugin);
        margin = margin.clone();
    }

    public int featureCount() {
        return featuresByPlugin.values().stream().mapToInt(List::size).sum();
    }
}
