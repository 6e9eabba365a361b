package org.omeroilastik.rois;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the 8-connected objects where {@code mask} is set in one plane, keeps those of at least
 * {@code minSize} pixels (Fiji's default for the seed's step is 50), traces their outlines along pixel
 * edges and measures them against the raw channels.
 */
public final class ParticleAnalyzer {
    private static final int[] DX = {1, 1, 0, -1, -1, -1, 0, 1};
    private static final int[] DY = {0, 1, 1, 1, 0, -1, -1, -1};

    private ParticleAnalyzer() {
    }

    /**
     * @param mask width × height, row-major, true where the chosen class is
     * @param channels raw values per channel, each width × height (may be empty)
     */
    public static List<Particle> analyze(boolean[] mask, int width, int height, float[][] channels, long minSize, int z, int t) {
        int[] labels = new int[width * height];
        int next = 0;
        int[] stack = new int[width * height];
        List<Particle> out = new ArrayList<>();
        for (int start = 0; start < mask.length; start++) {
            if (!mask[start] || labels[start] != 0) {
                continue;
            }
            int label = ++next;
            // Flood fill (8-connected), collecting statistics on the way.
            int top = 0;
            stack[top++] = start;
            labels[start] = label;
            long count = 0;
            double sx = 0;
            double sy = 0;
            int minX = width, minY = height, maxX = -1, maxY = -1;
            double[] sums = new double[channels.length];
            while (top > 0) {
                int p = stack[--top];
                int px = p % width;
                int py = p / width;
                count++;
                sx += px + 0.5;
                sy += py + 0.5;
                minX = Math.min(minX, px);
                maxX = Math.max(maxX, px);
                minY = Math.min(minY, py);
                maxY = Math.max(maxY, py);
                for (int c = 0; c < channels.length; c++) {
                    sums[c] += channels[c][p];
                }
                for (int d = 0; d < 8; d++) {
                    int nx = px + DX[d];
                    int ny = py + DY[d];
                    if (nx >= 0 && ny >= 0 && nx < width && ny < height) {
                        int q = ny * width + nx;
                        if (mask[q] && labels[q] == 0) {
                            labels[q] = label;
                            stack[top++] = q;
                        }
                    }
                }
            }
            if (count < minSize) {
                continue;
            }
            double[] means = new double[channels.length];
            for (int c = 0; c < channels.length; c++) {
                means[c] = sums[c] / count;
            }
            List<Polygon> loops = Outlines.trace(labels, width, height, label, minX, minY, maxX, maxY);
            Polygon outer = loops.get(0);
            int bw = maxX - minX + 1;
            int bh = maxY - minY + 1;
            byte[] bits = new byte[(int) (((long) bw * bh + 7) / 8)];
            for (int y = 0; y < bh; y++) {
                int row = (minY + y) * width + minX;
                for (int x = 0; x < bw; x++) {
                    if (labels[row + x] == label) {
                        int i = y * bw + x;
                        bits[i >> 3] |= (byte) (0x80 >> (i & 7));
                    }
                }
            }
            out.add(new Particle(z, t, outer, loops.subList(1, loops.size()), count, sx / count, sy / count,
                    new int[] {minX, minY, bw, bh}, means, bits));
        }
        return out;
    }
}
