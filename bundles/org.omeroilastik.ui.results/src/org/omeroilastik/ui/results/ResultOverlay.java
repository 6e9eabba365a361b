package org.omeroilastik.ui.results;

import org.eclipse.swt.graphics.GC;
import org.omeroilastik.repository.RepositoryException;

/**
 * One layer drawn over the image, switched on and off and faded by the viewer. A layer is raster
 * ({@link #blend}, in the render Job, into the frame being composed) or vector ({@link #draw}, on
 * the display thread from memory only), or both.
 */
public interface ResultOverlay {

    /** Shown beside the layer's on/off switch, for example "Probabilities". */
    String name();

    /**
     * Blends the layer into {@code rgb} (0xRRGGBB per output pixel of {@code region}, row by row) at
     * {@code opacity} 0..1. Runs in the render Job, never on the display thread; read only the region
     * asked for.
     */
    default void blend(PlaneRegion region, int[] rgb, double opacity) throws RepositoryException {
    }

    /** Draws vector content (outlines) of plane {@code z}, {@code t} with {@code gc}; display thread, memory only. */
    default void draw(GC gc, ViewMapping view, int z, int t, double opacity) {
    }
}
