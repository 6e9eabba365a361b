package org.omeroilastik.internal.ui.results;

import java.util.Arrays;
import java.util.List;

import org.omeroilastik.model.repository.Channel;

/**
 * How each channel of an image is shown: a lookup-table colour (0xRRGGBB, the channel's value scaled
 * from its range onto black..colour) and a display range, added up into one RGB frame.
 */
final class ChannelSettings {
    final int[] colors;
    final String[] labels;
    final double[] min;
    final double[] max;
    final boolean[] active;

    /**
     * Settings for {@code channels} channels: the colours and labels the repository gives (OMERO's
     * rendering settings; {@code Channel.defaults} elsewhere), else numbered in the viewer's defaults.
     * The ranges start at auto contrast.
     */
    ChannelSettings(int channels, List<Channel> known) {
        colors = new int[channels];
        labels = new String[channels];
        min = new double[channels];
        max = new double[channels];
        active = new boolean[channels];
        int[] defaults = channels == 1 ? new int[] {0xFFFFFF}
                : channels == 2 ? new int[] {0x00FF00, 0xFF00FF} : new int[] {0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0x00FFFF, 0xFF00FF};
        for (int c = 0; c < channels; c++) {
            boolean given = known.size() == channels;
            colors[c] = given ? known.get(c).rgb() : defaults[c % defaults.length];
            labels[c] = given ? known.get(c).label() : "Channel " + c;
            max[c] = 255;
            active[c] = true;
        }
    }

    private ChannelSettings(ChannelSettings o) {
        colors = o.colors.clone();
        labels = o.labels;
        min = o.min.clone();
        max = o.max.clone();
        active = o.active.clone();
    }

    ChannelSettings copy() {
        return new ChannelSettings(this);
    }

    /** Sets every channel's range from {@code data} (0.1 and 99.9 percentiles of the values, so a few hot pixels do not wash the plane out). */
    void autoRange(float[][] data, int n) {
        for (int c = 0; c < data.length && c < min.length; c++) {
            int samples = Math.min(n, 1 << 16);
            float[] v = new float[samples];
            for (int i = 0; i < samples; i++) {
                v[i] = data[c][(int) ((long) i * n / samples)];
            }
            Arrays.sort(v);
            min[c] = v[(int) (0.001 * (samples - 1))];
            max[c] = v[(int) Math.ceil(0.999 * (samples - 1))];
            if (max[c] <= min[c]) {
                max[c] = min[c] + 1;
            }
        }
    }

    /** Composes the channels of {@code data} into {@code rgb} (n pixels). */
    void compose(float[][] data, int n, int[] rgb) {
        Arrays.fill(rgb, 0, n, 0);
        for (int c = 0; c < data.length && c < colors.length; c++) {
            if (!active[c]) {
                continue;
            }
            float[] d = data[c];
            double lo = min[c];
            double scale = 1.0 / (max[c] - min[c]);
            int cr = colors[c] >> 16 & 0xFF, cg = colors[c] >> 8 & 0xFF, cb = colors[c] & 0xFF;
            for (int i = 0; i < n; i++) {
                double f = (d[i] - lo) * scale;
                f = f < 0 ? 0 : f > 1 ? 1 : f;
                int p = rgb[i];
                int r = Math.min(255, (p >> 16 & 0xFF) + (int) (cr * f));
                int g = Math.min(255, (p >> 8 & 0xFF) + (int) (cg * f));
                int b = Math.min(255, (p & 0xFF) + (int) (cb * f));
                rgb[i] = r << 16 | g << 8 | b;
            }
        }
    }
}
