package org.omeroilastik.ilp;

import java.util.Map;

/**
 * The tracking applet's stored parameters ({@code StructuredTracking/Parameters} or {@code
 * ConservationTracking/Parameters}) and the user's annotations.
 *
 * @param parameters every stored parameter, formatted, in name order
 * @param annotatedObjects objects with a track annotation
 * @param divisions annotated divisions
 */
public record TrackingSettings(String group, Map<String, String> parameters, int annotatedObjects, int divisions)
        implements AppletSummary {
    public TrackingSettings {
        parameters = Map.copyOf(parameters);
    }
}
