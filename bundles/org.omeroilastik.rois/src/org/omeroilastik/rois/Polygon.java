package org.omeroilastik.rois;

/**
 * A closed outline on pixel corners: vertex i is (x[i], y[i]), in pixels, the last joined to the
 * first; collinear vertices removed. As OMERO and ImageJ store polygon ROIs.
 */
public record Polygon(int[] x, int[] y) {
    public Polygon {
        if (x.length != y.length || x.length < 3) {
            throw new IllegalArgumentException("a polygon needs at least 3 vertices");
        }
        x = x.clone();
        y = y.clone();
    }

    @Override
    public int[] x() {
        return x.clone();
    }

    @Override
    public int[] y() {
        return y.clone();
    }

    public int size() {
        return x.length;
    }

    /** Enclosed area (shoelace), in pixels; positive for clockwise in image coordinates (y down). */
    public double area() {
        long twice = 0;
        for (int i = 0; i < x.length; i++) {
            int j = (i + 1) % x.length;
            twice += (long) x[i] * y[j] - (long) x[j] * y[i];
        }
        return Math.abs(twice) / 2.0;
    }

    /** OMERO's points string: "x1,y1 x2,y2 ...". */
    public String points() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < x.length; i++) {
            sb.append(i == 0 ? "" : " ").append(x[i]).append(',').append(y[i]);
        }
        return sb.toString();
    }
}
