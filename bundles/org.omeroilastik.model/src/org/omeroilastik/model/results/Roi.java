package org.omeroilastik.model.results;

import java.util.List;

/** One region of interest: a label (the class it was segmented as) and its shapes. */
public record Roi(String label, List<PolygonShape> shapes) {
    public Roi {
        shapes = List.copyOf(shapes);
    }
}
