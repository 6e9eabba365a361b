package org.omeroilastik.ilp;

import java.util.List;

/**
 * The pixel features a project selected ({@code FeatureSelections}, or {@code FeatureSelections01}
 * for autocontext stage 2).
 *
 * @param featureIds ilastik's feature ids, rows of the selection matrix
 * @param scales the scale of each column
 * @param selected selection matrix, [feature][scale]
 * @param computeIn2d per scale, whether the feature is computed slice by slice
 * @param inputChannels channels of the data the features are computed on
 * @param volumetric whether that data has more than one z plane
 * @param featureChannels channels of the resulting feature matrix (the classifier's columns)
 */
public record FeatureSelection(String group, List<String> featureIds, double[] scales, boolean[][] selected,
        boolean[] computeIn2d, int inputChannels, boolean volumetric, int featureChannels) implements AppletSummary {

    public FeatureSelection {
        featureIds = List.copyOf(featureIds);
        scales = scales.clone();
        boolean[][] copy = new boolean[selected.length][];
        for (int i = 0; i < selected.length; i++) {
            copy[i] = selected[i].clone();
        }
        selected = copy;
        computeIn2d = computeIn2d.clone();
    }

    /** Number of selected (feature, scale) pairs. */
    public int selectedCount() {
        int n = 0;
        for (boolean[] row : selected) {
            for (boolean b : row) {
                n += b ? 1 : 0;
            }
        }
        return n;
    }

    /** Feature channels per input channel of one (feature, scale) pair, as ilastik's filters produce them. */
    public static int channelsPerInputChannel(String featureId, boolean twoD) {
        return switch (featureId) {
            case "StructureTensorEigenvalues", "HessianOfGaussianEigenvalues" -> twoD ? 2 : 3;
            default -> 1;
        };
    }

    /** The feature channel count for the given input geometry. */
    public static int countChannels(List<String> featureIds, boolean[][] selected, boolean[] computeIn2d,
            int inputChannels, boolean volumetric) {
        int n = 0;
        for (int f = 0; f < selected.length; f++) {
            for (int s = 0; s < selected[f].length; s++) {
                if (selected[f][s]) {
                    boolean twoD = !volumetric || (s < computeIn2d.length && computeIn2d[s]);
                    n += channelsPerInputChannel(featureIds.get(f), twoD) * inputChannels;
                }
            }
        }
        return n;
    }
}
