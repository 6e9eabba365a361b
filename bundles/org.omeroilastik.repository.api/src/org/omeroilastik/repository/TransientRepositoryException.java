package org.omeroilastik.repository;

/**
 * A failure that may not happen again: a dropped connection, a server that did not answer. Jobs try
 * the image again; write-back is keyed, so a second attempt replaces what the first one wrote.
 */
public class TransientRepositoryException extends RepositoryException {
    private static final long serialVersionUID = 1L;

    public TransientRepositoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
