package org.omeroilastik.model.results;

/** A polygon on one plane (z, t), vertices in pixel coordinates, as OMERO's Polygon shape. */
public record PolygonShape(int z, int t, int[] x, int[] y) {
    public PolygonShape {
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
}
