package org.omeroilastik.model.repository;

import java.util.Objects;

/** An OMERO Project. */
public record Project(long id, String name, String description) implements RepositoryObject {
    public Project {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
    }
}
