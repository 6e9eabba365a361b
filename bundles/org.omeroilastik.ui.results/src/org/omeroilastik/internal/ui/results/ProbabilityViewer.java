package org.omeroilastik.internal.ui.results;

import java.util.ArrayList;
import java.util.List;

import org.omeroilastik.model.repository.Image;
import org.omeroilastik.repository.RepositoryException;
import org.omeroilastik.ui.results.ImageResults;
import org.omeroilastik.ui.results.LabelColors;
import org.omeroilastik.ui.results.PlaneReader;
import org.omeroilastik.ui.results.PlaneRegion;
import org.omeroilastik.ui.results.ResultOverlay;
import org.omeroilastik.ui.results.ResultViewer;

/**
 * Probability maps (derived images of floating-point type named "… Probabilities", as jobs write
 * them): each class tints the image in its ilastik colour in proportion to its probability.
 */
public final class ProbabilityViewer implements ResultViewer {

    @Override
    public List<ResultOverlay> overlays(ImageResults results) {
        List<ResultOverlay> out = new ArrayList<>();
        for (Image d : results.derivedImages()) {
            if (d.pixels().pixelType().isFloatingPoint() && d.name().endsWith("Probabilities")) {
                out.add(new Overlay(results, d));
            }
        }
        return out;
    }

    private static final class Overlay implements ResultOverlay {
        private final ImageResults results;
        private final Image map;
        private final PlaneReader reader = new PlaneReader();

        Overlay(ImageResults results, Image map) {
            this.results = results;
            this.map = map;
        }

        @Override
        public String name() {
            return "Probabilities";
        }

        @Override
        public void blend(PlaneRegion region, int[] rgb, double opacity) throws RepositoryException {
            float[][] p = reader.read(results.repository().rawData(), map.id(), map.pixels(), region);
            int n = region.outWidth() * region.outHeight();
            for (int c = 0; c < p.length; c++) {
                int color = LabelColors.forClass(c);
                float[] pc = p[c];
                for (int i = 0; i < n; i++) {
                    float v = pc[i];
                    if (v > 0.01f) {
                        rgb[i] = LabelColors.mix(rgb[i], color, opacity * Math.min(1f, v));
                    }
                }
            }
        }
    }
}
