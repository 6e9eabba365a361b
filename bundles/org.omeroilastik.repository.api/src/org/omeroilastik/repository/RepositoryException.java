package org.omeroilastik.repository;

import java.io.IOException;

/** A repository operation that failed; the message names the repository and the object. */
public class RepositoryException extends IOException {
    private static final long serialVersionUID = 1L;

    public RepositoryException(String message) {
        super(message);
    }

    public RepositoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
