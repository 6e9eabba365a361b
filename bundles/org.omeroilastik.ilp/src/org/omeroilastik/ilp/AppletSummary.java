package org.omeroilastik.ilp;

/** What one applet of a project stores; {@link #group()} is its top-level HDF5 group. */
public sealed interface AppletSummary permits FeatureSelection, PixelClassifier, Thresholding, ObjectFeatures,
        ObjectClassifier, TrackingSettings {

    String group();
}
