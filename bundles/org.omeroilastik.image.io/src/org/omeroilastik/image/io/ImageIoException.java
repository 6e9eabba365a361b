package org.omeroilastik.image.io;

import java.io.IOException;

/** A failure to read or write an image; the message names the file (and dataset) at fault. */
public class ImageIoException extends IOException {
    private static final long serialVersionUID = 1L;

    public ImageIoException(String message) {
        super(message);
    }

    public ImageIoException(String message, Throwable cause) {
        super(message, cause);
    }
}
