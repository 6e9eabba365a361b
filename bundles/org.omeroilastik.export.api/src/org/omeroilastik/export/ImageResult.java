package org.omeroilastik.export;

import java.util.List;

import org.omeroilastik.model.repository.Image;
import org.omeroilastik.model.results.Roi;

/**
 * What a job wrote back for one image, as an exporter sees it.
 *
 * @param source the repository, e.g. {@code local:/data/repo}
 * @param image the input image (name, pixels)
 * @param project the ilastik project's file name, the prefix of every key the job wrote (e.g. "demo.ilp")
 * @param summary the job's one-line summary of the image, e.g. "probabilities → image 7, 12 ROIs"
 * @param rois the ROIs now on the image (polygons in pixel coordinates, labelled with their class)
 * @param derivedImages result images written from it (probabilities, segmentation…)
 */
public record ImageResult(String source, Image image, String project, String summary, List<Roi> rois, List<Image> derivedImages) {
    public ImageResult {
        rois = List.copyOf(rois);
        derivedImages = List.copyOf(derivedImages);
    }
}
