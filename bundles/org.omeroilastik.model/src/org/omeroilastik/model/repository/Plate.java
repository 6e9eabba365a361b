package org.omeroilastik.model.repository;

import java.util.Objects;

/** An OMERO Plate with its grid size. */
public record Plate(long id, String name, int rows, int columns) implements RepositoryObject {
    public Plate {
        Objects.requireNonNull(name, "name");
        if (rows < 0 || columns < 0) {
            throw new IllegalArgumentException("negative plate size " + rows + "x" + columns);
        }
    }
}
