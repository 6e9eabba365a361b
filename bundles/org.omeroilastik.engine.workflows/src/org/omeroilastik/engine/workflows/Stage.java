package org.omeroilastik.engine.workflows;

import org.omeroilastik.engine.features.FeatureSpec;
import org.omeroilastik.engine.forest.ForestEnsemble;

/** One pixel classification stage: features of its input channels, then the trained forests. */
public record Stage(FeatureSpec features, ForestEnsemble forests, int inputChannels) {
}
