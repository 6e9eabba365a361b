package org.omeroilastik.ilp;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A project's summary: its workflow, the ilastik version that saved it, the input lanes, and one
 * summary per applet keyed by its HDF5 group, in file order.
 */
public record IlpProject(Path file, String workflowName, Workflow workflow, String ilastikVersion, List<String> roles,
        List<InputLane> lanes, Map<String, AppletSummary> applets) {

    public IlpProject {
        roles = List.copyOf(roles);
        lanes = List.copyOf(lanes);
        applets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(applets));
    }

    public <T extends AppletSummary> Optional<T> applet(String group, Class<T> type) {
        AppletSummary a = applets.get(group);
        return type.isInstance(a) ? Optional.of(type.cast(a)) : Optional.empty();
    }

    /** Feature channels of the first pixel feature selection, 0 for projects without pixel features. */
    public int featureChannels() {
        return applet("FeatureSelections", FeatureSelection.class).map(FeatureSelection::featureChannels).orElse(0);
    }

    /** The classifier whose classes the workflow exports: pixel, object or count classifier. */
    public Optional<AppletSummary> primaryClassifier() {
        for (String g : List.of("PixelClassification01", "ObjectClassification", "CountClassification", "PixelClassification")) {
            if (applets.containsKey(g)) {
                return Optional.of(applets.get(g));
            }
        }
        return Optional.empty();
    }

    public List<Label> labels() {
        return primaryClassifier().map(a -> switch (a) {
            case PixelClassifier p -> p.labels();
            case ObjectClassifier o -> o.labels();
            default -> List.<Label>of();
        }).orElse(List.of());
    }

    public Optional<ForestSummary> forests() {
        return primaryClassifier().flatMap(a -> switch (a) {
            case PixelClassifier p -> p.forests();
            case ObjectClassifier o -> o.forests();
            default -> Optional.<ForestSummary>empty();
        });
    }
}
