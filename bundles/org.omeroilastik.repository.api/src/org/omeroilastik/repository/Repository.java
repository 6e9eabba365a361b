package org.omeroilastik.repository;

/** An open connection to one repository. */
public interface Repository extends AutoCloseable {

    /** The source it was opened from, for example {@code local:/data/repo}. */
    String location();

    Browse browse();

    RawData rawData();

    DataManager dataManager();

    ResultWriter results();

    @Override
    void close() throws RepositoryException;
}
