package org.omeroilastik.engine.features;

/** ilastik's pixel feature ids, as stored in {@code FeatureSelections/FeatureIds}. */
public enum FeatureId {
    GaussianSmoothing, LaplacianOfGaussian, GaussianGradientMagnitude, DifferenceOfGaussians,
    StructureTensorEigenvalues, HessianOfGaussianEigenvalues;

    /** Output channels per input channel. */
    public int channels(boolean twoD) {
        return this == StructureTensorEigenvalues || this == HessianOfGaussianEigenvalues ? (twoD ? 2 : 3) : 1;
    }

    public static FeatureId of(String stored) {
        try {
            return valueOf(stored);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unsupported pixel feature '" + stored + "'", e);
        }
    }
}
