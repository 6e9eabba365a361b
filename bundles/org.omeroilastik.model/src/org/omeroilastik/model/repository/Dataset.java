package org.omeroilastik.model.repository;

import java.util.Objects;

/** An OMERO Dataset. */
public record Dataset(long id, String name, String description) implements RepositoryObject {
    public Dataset {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
    }
}
