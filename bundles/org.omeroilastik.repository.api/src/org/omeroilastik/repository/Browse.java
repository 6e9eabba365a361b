package org.omeroilastik.repository;

import java.util.List;
import java.util.Optional;

import org.omeroilastik.model.repository.Channel;
import org.omeroilastik.model.repository.Dataset;
import org.omeroilastik.model.repository.Image;
import org.omeroilastik.model.results.Roi;
import org.omeroilastik.model.results.Table;
import org.omeroilastik.model.repository.Plate;
import org.omeroilastik.model.repository.Project;
import org.omeroilastik.model.repository.Screen;
import org.omeroilastik.model.repository.Well;

/** The hierarchy, as omero-gateway's BrowseFacility offers it. Lists are in id order. */
public interface Browse {

    List<Project> projects() throws RepositoryException;

    List<Dataset> datasets(long projectId) throws RepositoryException;

    /** Datasets in no project. */
    List<Dataset> orphanedDatasets() throws RepositoryException;

    /** The images of a dataset, without derived images (results written from other images). */
    List<Image> images(long datasetId) throws RepositoryException;

    /** Images in no dataset and no well. */
    List<Image> orphanedImages() throws RepositoryException;

    List<Screen> screens() throws RepositoryException;

    List<Plate> plates(long screenId) throws RepositoryException;

    List<Well> wells(long plateId) throws RepositoryException;

    Image image(long id) throws RepositoryException;

    Dataset dataset(long id) throws RepositoryException;

    /** The image a derived image was written from. */
    Optional<Long> derivedFrom(long imageId) throws RepositoryException;

    Counts counts(long imageId) throws RepositoryException;

    /** The images written from this one by jobs (probability maps, segmentations), in id order. */
    List<Image> derivedImages(long imageId) throws RepositoryException;

    /**
     * A thumbnail of the image, at most {@code size} pixels on its longer side (PNG or JPEG bytes, as
     * the backend renders it: OMERO.web's render_thumbnail, or {@link Thumbnails} from the pixels).
     */
    byte[] thumbnail(long imageId, int size) throws RepositoryException;

    /**
     * The image's channels with their labels, display colours and windows (OMERO: the rendering
     * settings of imgData; stores without channel metadata: {@link Channel#defaults}).
     */
    List<Channel> channels(long imageId) throws RepositoryException;

    /** Every ROI stored on an image, whatever key wrote it. */
    List<Roi> rois(long imageId) throws RepositoryException;

    /**
     * The tables attached to an image (the object tables jobs write, one row per object), in the order
     * the backend lists them; values are numbers where the stored text is one (see {@link TableCsv}).
     */
    List<Table> tables(long imageId) throws RepositoryException;

    /** What hangs on a dataset (tables, attachments, annotations). */
    Counts datasetCounts(long datasetId) throws RepositoryException;
}
