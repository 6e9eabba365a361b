package org.omeroilastik.repository;

import java.util.Optional;

import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.model.repository.Dataset;
import org.omeroilastik.model.repository.Image;
import org.omeroilastik.model.repository.Plate;
import org.omeroilastik.model.repository.Project;
import org.omeroilastik.model.repository.Screen;

/** Creating containers and importing images, as omero-gateway's DataManagerFacility. */
public interface DataManager {

    Project createProject(String name, String description) throws RepositoryException;

    /** A new dataset, in {@code projectId} when given. */
    Dataset createDataset(String name, String description, Optional<Long> projectId) throws RepositoryException;

    /** Copies an image file into the repository, into {@code datasetId}. */
    Image importImage(long datasetId, ImageSource source, String name) throws RepositoryException;

    Screen createScreen(String name, String description) throws RepositoryException;

    /** A new plate of {@code rows} x {@code columns} wells in {@code screenId}. */
    Plate createPlate(long screenId, String name, int rows, int columns) throws RepositoryException;

    /** Copies an image file into the repository as the next field of the well at {@code row}, {@code column} (0-based). */
    Image importField(long plateId, int row, int column, ImageSource source, String name) throws RepositoryException;
}
