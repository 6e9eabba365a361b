package org.omeroilastik.rois;

import java.util.List;

/**
 * One connected object of a plane.
 *
 * @param z plane index (0 for 2D images)
 * @param t time index
 * @param outline the outer contour
 * @param holes contours of the holes inside it (background enclosed by the object)
 * @param area foreground pixels (holes excluded)
 * @param centroidX mean x of the pixel centres (x + 0.5), as ImageJ measures
 * @param centroidY mean y of the pixel centres
 * @param bounds {x, y, width, height} in pixels
 * @param meanIntensity mean raw value per channel over the object's pixels
 * @param maskBits the object's pixels within {@code bounds}, one bit each, row by row, most
 *        significant bit first (OMERO's Mask bytes); holes are clear
 */
public record Particle(int z, int t, Polygon outline, List<Polygon> holes, long area, double centroidX, double centroidY, int[] bounds,
        double[] meanIntensity, byte[] maskBits) {
    public Particle {
        holes = List.copyOf(holes);
        bounds = bounds.clone();
        meanIntensity = meanIntensity.clone();
        maskBits = maskBits.clone();
    }

    @Override
    public int[] bounds() {
        return bounds.clone();
    }

    @Override
    public double[] meanIntensity() {
        return meanIntensity.clone();
    }

    @Override
    public byte[] maskBits() {
        return maskBits.clone();
    }
}
