package org.omeroilastik.internal.ui.results;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.omeroilastik.model.results.PolygonShape;
import org.omeroilastik.model.results.Roi;
import org.omeroilastik.ui.results.ImageResults;
import org.omeroilastik.ui.results.LabelColors;
import org.omeroilastik.ui.results.ResultOverlay;
import org.omeroilastik.ui.results.ResultViewer;
import org.omeroilastik.ui.results.ViewMapping;

/** The image's ROIs ({@code Browse.rois}): polygon outlines of the plane shown, a distinct colour per ROI. */
public final class RoiViewer implements ResultViewer {

    @Override
    public List<ResultOverlay> overlays(ImageResults results) {
        return results.rois().isEmpty() ? List.of() : List.of(new Overlay(results.rois()));
    }

    private record Overlay(List<Roi> rois) implements ResultOverlay {

        @Override
        public String name() {
            return "ROIs";
        }

        @Override
        public void draw(GC gc, ViewMapping view, int z, int t, double opacity) {
            gc.setAlpha((int) Math.round(255 * opacity));
            gc.setLineWidth(1);
            gc.setAntialias(SWT.ON);
            for (int r = 0; r < rois.size(); r++) {
                int rgb = LabelColors.forLabel(r + 1);
                Color color = new Color(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF);
                gc.setForeground(color);
                for (PolygonShape s : rois.get(r).shapes()) {
                    if (s.z() == z && s.t() == t) {
                        gc.drawPolygon(canvasPoints(s, view));
                    }
                }
            }
            gc.setAlpha(255);
        }
    }

    /** A polygon's vertices on the canvas, as {@link GC#drawPolygon} takes them. */
    static int[] canvasPoints(PolygonShape s, ViewMapping view) {
        int[] x = s.x();
        int[] y = s.y();
        int[] points = new int[2 * x.length];
        for (int i = 0; i < x.length; i++) {
            points[2 * i] = view.toCanvasX(x[i]);
            points[2 * i + 1] = view.toCanvasY(y[i]);
        }
        return points;
    }
}
