package org.omeroilastik.ui.results;

/**
 * Where image pixels land on the viewer's canvas: canvas = (image − origin) × zoom, image
 * coordinates being pixel corners (pixel (0, 0) covers 0..1).
 */
public record ViewMapping(double zoom, double originX, double originY) {

    public int toCanvasX(double imageX) {
        return (int) Math.round((imageX - originX) * zoom);
    }

    public int toCanvasY(double imageY) {
        return (int) Math.round((imageY - originY) * zoom);
    }

    public double toImageX(int canvasX) {
        return canvasX / zoom + originX;
    }

    public double toImageY(int canvasY) {
        return canvasY / zoom + originY;
    }
}
