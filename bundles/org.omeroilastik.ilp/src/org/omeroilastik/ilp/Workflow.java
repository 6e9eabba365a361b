package org.omeroilastik.ilp;

import java.util.List;
import java.util.Optional;

/** The ilastik workflows this product reads and runs, with the names ilastik stores in {@code workflowName}. */
public enum Workflow {
    PIXEL_CLASSIFICATION("Pixel Classification", "PixelClassificationWorkflow"),
    AUTOCONTEXT("AutocontextTwoStage", "NewAutocontextWorkflowBase"),
    OBJECT_CLASSIFICATION_FROM_PREDICTIONS("Object Classification (from prediction image)", "ObjectClassificationWorkflowPrediction"),
    OBJECT_CLASSIFICATION_FROM_BINARY("Object Classification (from binary image)", "ObjectClassificationWorkflowBinary"),
    OBJECT_CLASSIFICATION_FROM_LABELS("Object Classification (from label image)", "ObjectClassificationWorkflowLabel"),
    OBJECT_CLASSIFICATION_FROM_PIXEL_CLASSIFICATION("Object Classification (from pixel classification)", "ObjectClassificationWorkflowPixel"),
    TRACKING_LEARNING_FROM_PREDICTIONS("Structured Learning Tracking Workflow from prediction image", "StructuredTrackingWorkflowPrediction"),
    TRACKING_LEARNING_FROM_BINARY("Structured Learning Tracking Workflow from binary image", "StructuredTrackingWorkflowBinary"),
    CONSERVATION_TRACKING_FROM_PREDICTIONS("Tracking Workflow (Conservation Tracking) from prediction image", "ConservationTrackingWorkflowPrediction",
            "Animal Tracking Workflow from prediction image"),
    CONSERVATION_TRACKING_FROM_BINARY("Tracking Workflow (Conservation Tracking) from binary image", "ConservationTrackingWorkflowBinary",
            "Animal Tracking Workflow from binary image");

    private final List<String> storedNames;

    Workflow(String... storedNames) {
        this.storedNames = List.of(storedNames);
    }

    /** The name ilastik writes for this workflow today. */
    public String displayName() {
        return storedNames.get(0);
    }

    public boolean isTracking() {
        return name().contains("TRACKING");
    }

    public boolean isObjectClassification() {
        return name().startsWith("OBJECT_CLASSIFICATION");
    }

    /** The workflow for a stored {@code workflowName}, if supported. */
    public static Optional<Workflow> ofStoredName(String name) {
        for (Workflow w : values()) {
            if (w.storedNames.contains(name)) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }
}
