package org.omeroilastik.ilp;

import java.io.IOException;

/** A project file that cannot be read; the message names the file and what is wrong. */
public class IlpException extends IOException {
    private static final long serialVersionUID = 1L;

    public IlpException(String message) {
        super(message);
    }

    public IlpException(String message, Throwable cause) {
        super(message, cause);
    }
}
