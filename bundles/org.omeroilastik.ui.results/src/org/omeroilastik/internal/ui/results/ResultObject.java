package org.omeroilastik.internal.ui.results;

import java.util.List;
import java.util.Optional;

import org.omeroilastik.model.results.PolygonShape;
import org.omeroilastik.model.results.Roi;
import org.omeroilastik.model.results.Table;

/**
 * One object of an object table, located: the table's {@code roi} column numbers the ROIs the job
 * wrote (1, 2, ... in the order of its ROI list), and {@code t}, {@code z} and the {@code bbox_*}
 * columns place it; its outline is that ROI's polygon on the row's plane.
 *
 * @param id the object's number (the {@code roi} column)
 * @param outline the ROI polygon, when one matches the row
 */
public record ResultObject(long id, int t, int z, int x, int y, int width, int height, Optional<PolygonShape> outline) {

    /** The columns a row needs to be located. */
    static final List<String> COLUMNS = List.of("roi", "t", "z", "bbox_x", "bbox_y", "bbox_width", "bbox_height");

    /** Whether the table's rows can be located (it has {@link #COLUMNS}). */
    static boolean locatable(Table table) {
        return table.columns().containsAll(COLUMNS);
    }

    /**
     * The object of row {@code row}. The ROI is found by number among {@code rois}; when another
     * job's ROIs come first (so the number points elsewhere) the polygon on the row's plane whose
     * bounds match the row's box is taken instead.
     */
    static ResultObject of(Table table, int row, List<Roi> rois) {
        List<Object> r = table.rows().get(row);
        long id = number(table, r, "roi");
        int t = (int) number(table, r, "t");
        int z = (int) number(table, r, "z");
        int bx = (int) number(table, r, "bbox_x");
        int by = (int) number(table, r, "bbox_y");
        int bw = (int) number(table, r, "bbox_width");
        int bh = (int) number(table, r, "bbox_height");
        Optional<PolygonShape> outline = Optional.empty();
        if (id >= 1 && id <= rois.size()) {
            outline = matching(rois.get((int) id - 1), t, z, bx, by, bw, bh);
        }
        for (int i = 0; outline.isEmpty() && i < rois.size(); i++) {
            outline = matching(rois.get(i), t, z, bx, by, bw, bh);
        }
        return new ResultObject(id, t, z, bx, by, bw, bh, outline);
    }

    /** The ROI's polygon on plane (t, z) whose bounds are the box (an outline on pixel corners reaches one past it). */
    private static Optional<PolygonShape> matching(Roi roi, int t, int z, int bx, int by, int bw, int bh) {
        for (PolygonShape s : roi.shapes()) {
            if (s.t() == t && s.z() == z) {
                int[] x = s.x();
                int[] y = s.y();
                int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = Integer.MIN_VALUE, maxY = Integer.MIN_VALUE;
                for (int i = 0; i < x.length; i++) {
                    minX = Math.min(minX, x[i]);
                    maxX = Math.max(maxX, x[i]);
                    minY = Math.min(minY, y[i]);
                    maxY = Math.max(maxY, y[i]);
                }
                if (Math.abs(minX - bx) <= 1 && Math.abs(minY - by) <= 1 && Math.abs(maxX - minX - bw) <= 1 && Math.abs(maxY - minY - bh) <= 1) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    private static long number(Table table, List<Object> row, String column) {
        Object v = row.get(table.columns().indexOf(column));
        if (v instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalArgumentException("object table column '" + column + "' holds '" + v + "', not a number");
    }

    /** Whether the box lies inside {@code x, y, w, h} (image pixels). */
    public boolean inside(double vx, double vy, double vw, double vh) {
        return x >= vx && y >= vy && x + width <= vx + vw && y + height <= vy + vh;
    }
}
