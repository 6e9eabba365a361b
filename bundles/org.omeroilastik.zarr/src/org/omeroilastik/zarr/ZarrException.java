package org.omeroilastik.zarr;

import java.io.IOException;

/** A Zarr read or write that failed; the message names the store, the array path and the key at fault. */
public class ZarrException extends IOException {
    private static final long serialVersionUID = 1L;

    public ZarrException(String message) {
        super(message);
    }

    public ZarrException(String message, Throwable cause) {
        super(message, cause);
    }
}
