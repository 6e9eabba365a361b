package org.omeroilastik.ui.results;

/**
 * The part of one plane (time point {@code t}, section {@code z}) a frame shows: the image pixels
 * {@code x}..{@code x+width}, {@code y}..{@code y+height}, sampled every {@code step} pixels (more
 * than 1 when zoomed out), so the frame holds {@link #outWidth()} × {@link #outHeight()} pixels.
 */
public record PlaneRegion(int t, int z, int x, int y, int width, int height, int step) {
    public PlaneRegion {
        if (width < 1 || height < 1 || step < 1) {
            throw new IllegalArgumentException("empty region " + width + "x" + height + " step " + step);
        }
    }

    public int outWidth() {
        return (width + step - 1) / step;
    }

    public int outHeight() {
        return (height + step - 1) / step;
    }
}
