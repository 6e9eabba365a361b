package org.omeroilastik.model.repository;

import java.util.Objects;

import org.omeroilastik.model.ImageDescriptor;

/** An OMERO Image: a named n-d pixel array with its descriptor. */
public record Image(long id, String name, ImageDescriptor pixels) implements RepositoryObject {
    public Image {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pixels, "pixels");
    }
}
