package org.omeroilastik.ui.results;

/**
 * Colours for classes and labels, 0xRRGGBB: ilastik's label colours first (so class k of a project
 * looks as it does in ilastik), then well-separated hues for label values beyond them.
 */
public final class LabelColors {
    private static final int[] ILASTIK = {0xFF0000, 0x00FF00, 0xFFFF00, 0x0000FF, 0xFF00FF, 0x808000, 0x008080, 0x00FFFF, 0xFFA500, 0x800080};

    private LabelColors() {
    }

    /** The colour of class {@code index} (0-based). */
    public static int forClass(int index) {
        return index < ILASTIK.length ? ILASTIK[index] : forLabel(index + 1);
    }

    /** A distinct colour for label value {@code label} (1, 2, ...; neighbours differ strongly: golden-ratio hues). */
    public static int forLabel(long label) {
        double hue = (label * 0.618033988749895) % 1.0;
        return hsv(hue, 0.85, 1.0);
    }

    private static int hsv(double h, double s, double v) {
        int i = (int) (h * 6);
        double f = h * 6 - i;
        double p = v * (1 - s), q = v * (1 - f * s), t = v * (1 - (1 - f) * s);
        double r, g, b;
        switch (i % 6) {
            case 0 -> { r = v; g = t; b = p; }
            case 1 -> { r = q; g = v; b = p; }
            case 2 -> { r = p; g = v; b = t; }
            case 3 -> { r = p; g = q; b = v; }
            case 4 -> { r = t; g = p; b = v; }
            default -> { r = v; g = p; b = q; }
        }
        return ((int) (r * 255) << 16) | ((int) (g * 255) << 8) | (int) (b * 255);
    }

    /** {@code base} blended towards {@code color} by {@code alpha} 0..1. */
    public static int mix(int base, int color, double alpha) {
        int r = (int) (((base >> 16) & 0xFF) * (1 - alpha) + ((color >> 16) & 0xFF) * alpha);
        int g = (int) (((base >> 8) & 0xFF) * (1 - alpha) + ((color >> 8) & 0xFF) * alpha);
        int b = (int) ((base & 0xFF) * (1 - alpha) + (color & 0xFF) * alpha);
        return (r << 16) | (g << 8) | b;
    }
}
