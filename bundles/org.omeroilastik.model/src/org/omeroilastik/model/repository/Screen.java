package org.omeroilastik.model.repository;

import java.util.Objects;

/** An OMERO Screen. */
public record Screen(long id, String name, String description) implements RepositoryObject {
    public Screen {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
    }
}
