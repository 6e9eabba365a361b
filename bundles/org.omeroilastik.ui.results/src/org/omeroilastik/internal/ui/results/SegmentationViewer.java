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
 * Segmentations and label images (derived images of integer type): a segmentation ("… Segmentation",
 * value k = class k) in its classes' ilastik colours, any other label image in a distinct colour per
 * label; 0 stays clear.
 */
public final class SegmentationViewer implements ResultViewer {

    @Override
    public List<ResultOverlay> overlays(ImageResults results) {
        List<ResultOverlay> out = new ArrayList<>();
        for (Image d : results.derivedImages()) {
            if (!d.pixels().pixelType().isFloatingPoint()) {
                out.add(new Overlay(results, d, d.name().endsWith("Segmentation")));
            }
        }
        return out;
    }

    private static final class Overlay implements ResultOverlay {
        private final ImageResults results;
        private final Image labels;
        private final boolean classes;
        private final PlaneReader reader = new PlaneReader();

        Overlay(ImageResults results, Image labels, boolean classes) {
            this.results = results;
            this.labels = labels;
            this.classes = classes;
        }

        @Override
        public String name() {
            return classes ? "Segmentation" : "Labels";
        }

        @Override
        public void blend(PlaneRegion region, int[] rgb, double opacity) throws RepositoryException {
            float[] v = reader.read(results.repository().rawData(), labels.id(), labels.pixels(), region)[0];
            int n = region.outWidth() * region.outHeight();
            for (int i = 0; i < n; i++) {
                long label = (long) v[i];
                if (label > 0) {
                    rgb[i] = LabelColors.mix(rgb[i], classes ? LabelColors.forClass((int) label - 1) : LabelColors.forLabel(label), opacity);
                }
            }
        }
    }
}
