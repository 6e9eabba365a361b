package org.omeroilastik.repository;

import java.util.List;

/** Every registered {@link RepositoryProvider}; opens a {@code scheme:location} source. */
public interface Repositories {

    List<String> schemes();

    Repository open(String source, boolean create) throws RepositoryException;
}
