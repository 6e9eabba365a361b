package org.omeroilastik.zarr.tests;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.omeroilastik.zarr.ZarrStore;

/** A store that records every key read, to check that a box read fetches only the chunks it meets. */
final class CountingStore implements ZarrStore {
    private final ZarrStore inner;
    final List<String> gets = new CopyOnWriteArrayList<>();

    CountingStore(ZarrStore inner) {
        this.inner = inner;
    }

    /** Chunk keys read (not metadata). */
    List<String> chunkGets() {
        return gets.stream().filter(k -> !k.endsWith(".zarray") && !k.endsWith(".zattrs") && !k.endsWith(".zgroup")).toList();
    }

    @Override
    public String location() {
        return inner.location();
    }

    @Override
    public Optional<byte[]> get(String key) throws IOException {
        gets.add(key);
        return inner.get(key);
    }

    @Override
    public void put(String key, byte[] value) throws IOException {
        inner.put(key, value);
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        return inner.list(prefix);
    }
}
