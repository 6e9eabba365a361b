package org.omeroilastik.rois;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Outlines of one labelled object along pixel edges. Every pixel side between the object and the
 * rest becomes a directed edge, clockwise around the object (object on the right, y down); edges are
 * chained into closed loops. Where two object pixels touch only at a corner the chain turns so that the
 * loop keeps them together (8-connectivity). The loop through the top side of the object's first pixel
 * in raster order is its outer contour; the others are holes.
 */
final class Outlines {
    private Outlines() {
    }

    static List<Polygon> trace(int[] labels, int width, int height, int label, int minX, int minY, int maxX, int maxY) {
        // Outgoing edges per corner vertex; a vertex has at most two (at a diagonal pinch).
        Map<Long, long[]> out = new HashMap<>();
        long firstStart = -1;
        for (int y = minY; y <= maxY; y++) {
            for (int x = minX; x <= maxX; x++) {
                if (labels[y * width + x] != label) {
                    continue;
                }
                if (!inside(labels, width, height, label, x, y - 1)) {
                    add(out, key(x, y), key(x + 1, y));
                    if (firstStart < 0) {
                        firstStart = key(x, y);
                    }
                }
                if (!inside(labels, width, height, label, x + 1, y)) {
                    add(out, key(x + 1, y), key(x + 1, y + 1));
                }
                if (!inside(labels, width, height, label, x, y + 1)) {
                    add(out, key(x + 1, y + 1), key(x, y + 1));
                }
                if (!inside(labels, width, height, label, x - 1, y)) {
                    add(out, key(x, y + 1), key(x, y));
                }
            }
        }
        List<Polygon> loops = new ArrayList<>();
        Polygon outer = loop(out, firstStart);
        loops.add(outer);
        while (!out.isEmpty()) {
            long start = out.keySet().iterator().next();
            loops.add(loop(out, start));
        }
        return loops;
    }

    private static boolean inside(int[] labels, int width, int height, int label, int x, int y) {
        return x >= 0 && y >= 0 && x < width && y < height && labels[y * width + x] == label;
    }

    private static long key(int x, int y) {
        return ((long) x << 32) | (y & 0xffffffffL);
    }

    private static int kx(long k) {
        return (int) (k >> 32);
    }

    private static int ky(long k) {
        return (int) k;
    }

    private static void add(Map<Long, long[]> out, long from, long to) {
        long[] e = out.get(from);
        if (e == null) {
            out.put(from, new long[] {to});
        } else {
            out.put(from, new long[] {e[0], to});
        }
    }

    /** Follows edges from {@code start} back to it, removing them; returns the loop without collinear vertices. */
    private static Polygon loop(Map<Long, long[]> out, long start) {
        List<int[]> pts = new ArrayList<>();
        long v = start;
        int pdx = 0;
        int pdy = 0;
        do {
            long[] e = out.get(v);
            long to;
            if (e.length == 1) {
                to = e[0];
                out.remove(v);
            } else {
                // Diagonal pinch: turn left relative to the incoming direction (the object is on the right),
                // which carries the loop on to the corner-touching pixel: 8-connectivity.
                long a = e[0];
                long b = e[1];
                int ax = kx(a) - kx(v), ay = ky(a) - ky(v);
                int lx = pdy, ly = -pdx; // left turn of (pdx, pdy) in y-down coordinates
                to = (ax == lx && ay == ly) ? a : b;
                out.put(v, new long[] {to == a ? b : a});
            }
            int dx = kx(to) - kx(v);
            int dy = ky(to) - ky(v);
            if (dx != pdx || dy != pdy) {
                pts.add(new int[] {kx(v), ky(v)});
            }
            pdx = dx;
            pdy = dy;
            v = to;
        } while (v != start);
        // The start vertex may be collinear with its neighbours on a closed loop.
        if (pts.size() > 3) {
            int[] first = pts.get(0);
            int[] second = pts.get(1);
            int[] last = pts.get(pts.size() - 1);
            if ((second[0] - first[0]) * (first[1] - last[1]) == (second[1] - first[1]) * (first[0] - last[0])) {
                pts.remove(0);
            }
        }
        int[] xs = new int[pts.size()];
        int[] ys = new int[pts.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = pts.get(i)[0];
            ys[i] = pts.get(i)[1];
        }
        return new Polygon(xs, ys);
    }
}
