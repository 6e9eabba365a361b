package org.omeroilastik.repository;

/** Opens repositories of one kind of source ({@code local:DIR}, {@code omero:https://HOST}); a DS service. */
public interface RepositoryProvider {

    /** The source prefix this provider handles, for example {@code local}. */
    String scheme();

    /** Opens {@code location} (the part after {@code scheme:}); {@code create} makes a new empty repository there if none exists. */
    Repository open(String location, boolean create) throws RepositoryException;
}
