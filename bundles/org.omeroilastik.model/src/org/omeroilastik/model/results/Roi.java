package org.omeroilastik.model.results;

import java.util.List;

/**
 * One region of interest: a label (the class it was segmented as), its polygon shapes and,
 * optionally, mask shapes of the same objects.
 */
public record Roi(String label, List<PolygonShape> shapes, List<MaskShape> masks) {
    public Roi {
        shapes = List.copyOf(shapes);
        // ROIs stored before masks existed have none.
        masks = masks == null ? List.of() : List.copyOf(masks);
    }

    /** A ROI of polygons only. */
    public Roi(String label, List<PolygonShape> shapes) {
        this(label, shapes, List.of());
    }
}
