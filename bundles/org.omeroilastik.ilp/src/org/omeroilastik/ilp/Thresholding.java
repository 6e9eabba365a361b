package org.omeroilastik.ilp;

/**
 * ilastik's ThresholdTwoLevels applet: smoothing, threshold(s) and size filter that turn a
 * probability channel into objects.
 *
 * @param method SIMPLE (one level), HYSTERESIS (two levels), GRAPHCUT or IPHT
 */
public record Thresholding(String group, String method, int channel, int coreChannel, double lowThreshold,
        double highThreshold, double sigmaX, double sigmaY, double sigmaZ, long minSize, long maxSize) implements AppletSummary {
}
