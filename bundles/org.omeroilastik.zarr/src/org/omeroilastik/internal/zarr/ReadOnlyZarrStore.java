package org.omeroilastik.internal.zarr;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.omeroilastik.zarr.ZarrStore;

/** A {@link ZarrStore} that only reads, each key through a {@link ZarrStore.Fetch} (HTTP, typically). */
public final class ReadOnlyZarrStore implements ZarrStore {
    private final String location;
    private final Fetch fetch;

    public ReadOnlyZarrStore(String location, Fetch fetch) {
        this.location = Objects.requireNonNull(location, "location");
        this.fetch = Objects.requireNonNull(fetch, "fetch");
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public Optional<byte[]> get(String key) throws IOException {
        check(key);
        return Objects.requireNonNull(fetch.get(key), "fetch answered null for " + key);
    }

    @Override
    public void put(String key, byte[] value) throws IOException {
        throw new IOException(location + ": read-only store, cannot write key " + key);
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        throw new IOException(location + ": read-only store, cannot list keys under '" + prefix + "'");
    }

    private static void check(String key) {
        if (key.isEmpty() || key.startsWith("/") || key.endsWith("/") || key.contains("\\") || key.contains("?") || key.contains("#")) {
            throw new IllegalArgumentException("bad Zarr key '" + key + "'");
        }
        for (String part : key.split("/")) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("bad Zarr key '" + key + "'");
            }
        }
    }

    @Override
    public String toString() {
        return location;
    }
}
