package org.omeroilastik.zarr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.omeroilastik.internal.zarr.FileSystemZarrStore;
import org.omeroilastik.internal.zarr.ReadOnlyZarrStore;

/**
 * Where a Zarr hierarchy's keys live, as bytes: {@code .zgroup}, {@code .zattrs}, {@code 0/.zarray},
 * chunk keys such as {@code 0/0/3/1}. Keys are relative, separated by {@code /}, never with {@code ..}.
 * Everything a reader or writer touches goes through these three calls, so a remote store (HTTP) is a
 * new implementation of this interface.
 */
public interface ZarrStore {

    /** Where the store is, for messages: a folder or a URL. */
    String location();

    /** The bytes under {@code key}, empty when there are none (a missing chunk, for example). */
    Optional<byte[]> get(String key) throws IOException;

    /** Stores {@code value} under {@code key}, replacing what was there. */
    void put(String key, byte[] value) throws IOException;

    /**
     * The names directly under {@code prefix} ({@code ""} for the root), sorted: for a folder store the
     * entries of that folder, so {@code list("0")} gives {@code .zarray} and the first chunk level.
     * Empty when there is nothing under the prefix.
     */
    List<String> list(String prefix) throws IOException;

    /** A store over the local folder {@code root} (created on the first {@link #put}). */
    static ZarrStore directory(Path root) {
        return new FileSystemZarrStore(root);
    }

    /** Fetches the bytes of one key, empty when the key holds nothing (HTTP 404, for example). */
    @FunctionalInterface
    interface Fetch {
        Optional<byte[]> get(String key) throws IOException;
    }

    /**
     * A read-only store whose keys come from {@code fetch} (an HTTP server, say: the caller owns the
     * connection, session and retries); {@code location} (a URL) names it in messages. Keys are checked
     * as for folders before {@code fetch} sees them. {@link #put} and {@link #list} fail with an
     * IOException naming the location.
     */
    static ZarrStore readOnly(String location, Fetch fetch) {
        return new ReadOnlyZarrStore(location, fetch);
    }
}
