package org.omeroilastik.internal.ui.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.omeroilastik.model.results.PolygonShape;
import org.omeroilastik.model.results.Roi;
import org.omeroilastik.model.results.Table;

/** How an object table's rows find their ROIs. */
class ResultObjectTest {
    private static final List<String> COLUMNS = List.of("roi", "label", "t", "z", "area_px", "bbox_x", "bbox_y", "bbox_width", "bbox_height");

    private static PolygonShape box(int z, int x, int y, int w, int h) {
        return new PolygonShape(z, 0, new int[] {x, x + w, x + w, x}, new int[] {y, y, y + h, y + h});
    }

    @Test
    void aRowsRoiNumberPicksTheJobsRoi() {
        PolygonShape first = box(0, 1, 1, 4, 4);
        PolygonShape second = box(2, 10, 12, 6, 3);
        List<Roi> rois = List.of(new Roi("cells", List.of(first)), new Roi("cells", List.of(second)));
        Table table = new Table(COLUMNS, List.of(List.of(1, "cells", 0, 0, 16, 1, 1, 4, 4), List.of(2, "cells", 0, 2, 18, 10, 12, 6, 3)));
        assertTrue(ResultObject.locatable(table));
        ResultObject o = ResultObject.of(table, 1, rois);
        assertEquals(2, o.id());
        assertEquals(2, o.z());
        assertSame(second, o.outline().orElseThrow());
        assertTrue(o.inside(10, 12, 6, 3));
        assertTrue(!o.inside(11, 12, 6, 3));
    }

    @Test
    void anotherJobsRoisFirstFallBackToTheBoxOnTheRowsPlane() {
        PolygonShape ours = box(2, 10, 12, 6, 3);
        List<Roi> rois = new ArrayList<>();
        rois.add(new Roi("other job", List.of(box(2, 40, 40, 5, 5))));
        rois.add(new Roi("cells", List.of(ours)));
        Table table = new Table(COLUMNS, List.of(List.of(1, "cells", 0, 2, 18, 10, 12, 6, 3)));
        assertSame(ours, ResultObject.of(table, 0, rois).outline().orElseThrow(), "number 1 is the other job's ROI; the box decides");
        assertTrue(ResultObject.of(table, 0, List.of()).outline().isEmpty(), "without ROIs the row is still placed by its box");
        assertTrue(!ResultObject.locatable(new Table(List.of("id", "area"), List.of())), "a table without roi/t/z/bbox columns");
    }
}
