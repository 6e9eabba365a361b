package org.omeroilastik.engine.features;

import java.util.List;

/**
 * Which features at which scales: ilastik's FeatureIds × Scales selection matrix and per-scale
 * ComputeIn2d flags.
 */
public record FeatureSpec(List<FeatureId> ids, double[] scales, boolean[][] selected, boolean[] computeIn2d) {
    /** Window ratio of the presmoothing kernels (lazyflow's WINDOW_SIZE). */
    public static final float PRESMOOTHING_WINDOW = 3.5f;
    /** Window ratio of the feature kernels (OpBaseFilter's window_size_feature). */
    public static final float FEATURE_WINDOW = 2.0f;

    public FeatureSpec {
        ids = List.copyOf(ids);
        scales = scales.clone();
        computeIn2d = computeIn2d.clone();
        boolean[][] copy = new boolean[selected.length][];
        for (int i = 0; i < selected.length; i++) {
            copy[i] = selected[i].clone();
        }
        selected = copy;
        if (selected.length != ids.size()) {
            throw new IllegalArgumentException("selection matrix has " + selected.length + " rows for " + ids.size() + " features");
        }
    }

    /** Whether column {@code s} is computed slice by slice for data with {@code nz} planes. */
    public boolean twoD(int s, int nz) {
        return nz == 1 || (s < computeIn2d.length && computeIn2d[s]);
    }

    public int channelCount(int inputChannels, int nz) {
        int n = 0;
        for (int f = 0; f < ids.size(); f++) {
            for (int s = 0; s < scales.length; s++) {
                if (selected[f][s]) {
                    n += ids.get(f).channels(twoD(s, nz)) * inputChannels;
                }
            }
        }
        return n;
    }

    /** The largest kernel reach in pixels (presmoothing plus feature filters): the halo a block needs. */
    public int halo() {
        double max = 0;
        for (int s = 0; s < scales.length; s++) {
            for (boolean[] row : selected) {
                if (row[s]) {
                    max = Math.max(max, scales[s]);
                }
            }
        }
        return (int) Math.ceil(PRESMOOTHING_WINDOW * max) + 3;
    }
}
