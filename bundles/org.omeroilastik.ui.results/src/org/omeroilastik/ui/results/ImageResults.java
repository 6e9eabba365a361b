package org.omeroilastik.ui.results;

import java.util.List;

import org.omeroilastik.model.repository.Channel;
import org.omeroilastik.model.repository.Image;
import org.omeroilastik.model.results.Roi;
import org.omeroilastik.model.results.Table;
import org.omeroilastik.repository.Repository;

/**
 * An image and what jobs wrote for it, read once when the results are opened (in a Job).
 *
 * @param repository the open connection the image lives in (for reading pixels of regions later)
 * @param image the image
 * @param channels its channels ({@code Browse.channels}): labels and display colours (OMERO's rendering settings)
 * @param derivedImages its derived images ({@code Browse.derivedImages}): probability maps, segmentations
 * @param rois its ROIs ({@code Browse.rois}), in the repository's order
 * @param tables its tables ({@code Browse.tables}): the object tables jobs wrote
 */
public record ImageResults(Repository repository, Image image, List<Channel> channels, List<Image> derivedImages, List<Roi> rois,
        List<Table> tables) {
    public ImageResults {
        channels = List.copyOf(channels);
        derivedImages = List.copyOf(derivedImages);
        rois = List.copyOf(rois);
        tables = List.copyOf(tables);
    }
}
