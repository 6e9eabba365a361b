package org.omeroilastik.model.repository;

/** An object of an OMERO-style hierarchy. */
public sealed interface RepositoryObject permits Project, Dataset, Image, Screen, Plate, Well {

    /** The repository-wide id, stable across sessions. */
    long id();

    String name();

    /** OMERO's type name, for example {@code Dataset}. */
    default String kind() {
        return getClass().getSimpleName();
    }
}
