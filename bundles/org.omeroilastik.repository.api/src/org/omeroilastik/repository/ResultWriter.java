package org.omeroilastik.repository;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.omeroilastik.image.io.ImageTarget;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.results.Roi;
import org.omeroilastik.model.results.Table;

/**
 * Writing results back (omero-gateway's ROI, Tables and DataManager facilities). Every output has a
 * key (for example "demo.ilp/rois"); writing under a key that exists replaces it, so a rerun never
 * duplicates. Nothing appears before it is complete.
 */
public interface ResultWriter {

    /** What results hang on. */
    enum Owner {
        IMAGE, DATASET
    }

    void putRois(long imageId, String key, List<Roi> rois) throws RepositoryException;

    void putTable(Owner owner, long id, String key, Table table) throws RepositoryException;

    /** Attaches a copy of {@code file} under its file name. */
    void putAttachment(Owner owner, long id, String key, Path file) throws RepositoryException;

    void putAnnotations(Owner owner, long id, String key, Map<String, String> pairs) throws RepositoryException;

    /**
     * Starts a derived image (a result image written from {@code sourceImageId}): write the pixels to
     * the returned target (streaming is fine), then {@link DerivedImage#commit()}. A derived image of
     * the same key is replaced, keeping its id.
     */
    DerivedImage derivedImage(long sourceImageId, String key, String name, ImageDescriptor pixels) throws RepositoryException;

    /** Removes everything written under keys starting with {@code keyPrefix}; returns how many outputs went. */
    int removeAll(String keyPrefix) throws RepositoryException;

    /**
     * Removes the outputs on one image or dataset whose keys start with {@code keyPrefix}, with an
     * image's derived images of such keys; returns how many went.
     */
    int remove(String keyPrefix, Owner owner, long id) throws RepositoryException;

    /** A derived image being written. */
    interface DerivedImage {
        ImageTarget target();

        long commit() throws RepositoryException;

        /** Throws away what was written, unless committed; safe to call more than once. */
        void discard();
    }
}
