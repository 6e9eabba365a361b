package org.omeroilastik.ui.results;

import java.util.List;

import org.omeroilastik.repository.RepositoryException;

/**
 * Turns one kind of result of an image (probability maps, segmentations, ROIs, ...) into overlays of
 * the image viewer. Contributed through the {@code org.omeroilastik.ui.results.resultViewers}
 * extension point; one instance per contribution, created with a public no-argument constructor.
 */
public interface ResultViewer {

    /**
     * The overlays for the results of {@code results} that this viewer understands, empty when the
     * image has none. Runs in an Eclipse Job, never on the display thread: read from the repository
     * here (small things such as ROIs may be kept in memory; pixels are read per region by
     * {@link ResultOverlay#blend}).
     */
    List<ResultOverlay> overlays(ImageResults results) throws RepositoryException;
}
