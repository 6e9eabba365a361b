package org.omeroilastik.repository;

import java.util.Optional;

import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.model.repository.Dataset;
import org.omeroilastik.model.repository.Image;
import org.omeroilastik.model.repository.Project;

/** Creating containers and importing images, as omero-gateway's DataManagerFacility. */
public interface DataManager {

    Project createProject(String name, String description) throws RepositoryException;

    /** A new dataset, in {@code projectId} when given. */
    Dataset createDataset(String name, String description, Optional<Long> projectId) throws RepositoryException;

    /** Copies an image file into the repository, into {@code datasetId}. */
    Image importImage(long datasetId, ImageSource source, String name) throws RepositoryException;
}
