package org.omeroilastik.zarr;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import org.omeroilastik.internal.zarr.Boxes;
import org.omeroilastik.internal.zarr.Codecs;
import org.omeroilastik.internal.zarr.ZarrJson;

/**
 * One Zarr v2 array in a {@link ZarrStore}, read and written a box at a time: only the chunks that meet
 * the box are fetched, decoded or stored. Missing chunks read as the fill value; edge chunks are
 * stored full-size (their padding holds the fill value), as zarr-python does.
 *
 * <p>Boxes are primitive arrays in C order for the box's shape, of the pixel type's Java type
 * (byte[] for 8-bit, short[], int[], long[], float[], double[]); unsigned values keep their bits.
 */
public final class ZarrArray {
    private final ZarrStore store;
    private final String path;
    private final ZarrArrayMetadata metadata;

    private ZarrArray(ZarrStore store, String path, ZarrArrayMetadata metadata) {
        this.store = store;
        this.path = path;
        this.metadata = metadata;
    }

    /**
     * Opens the array at {@code path} ({@code ""} for the store's root).
     *
     * @throws ZarrException naming the store, the array and the key when {@code .zarray} is missing,
     *         malformed or asks for what is not supported (compressor, filters, order, dtype)
     */
    public static ZarrArray open(ZarrStore store, String path) throws ZarrException {
        String key = key(path, ".zarray");
        byte[] bytes;
        try {
            bytes = store.get(key).orElseThrow(() -> new ZarrException(where(store, path) + ": no .zarray (key " + key + ")"));
        } catch (ZarrException e) {
            throw e;
        } catch (IOException e) {
            throw new ZarrException(where(store, path) + ": cannot read key " + key + ": " + e.getMessage(), e);
        }
        try {
            return new ZarrArray(store, path, ZarrJson.parseArray(bytes));
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            throw new ZarrException(where(store, path) + ": key " + key + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code .zarray} for a new array at {@code path} (chunks come with {@link #write}). */
    public static ZarrArray create(ZarrStore store, String path, ZarrArrayMetadata metadata) throws ZarrException {
        String key = key(path, ".zarray");
        try {
            store.put(key, ZarrJson.toJson(metadata));
        } catch (IOException e) {
            throw new ZarrException(where(store, path) + ": cannot write key " + key + ": " + e.getMessage(), e);
        }
        return new ZarrArray(store, path, metadata);
    }

    public ZarrStore store() {
        return store;
    }

    /** The array's path in the store, {@code ""} for the root. */
    public String path() {
        return path;
    }

    public ZarrArrayMetadata metadata() {
        return metadata;
    }

    public long[] shape() {
        return metadata.shape();
    }

    /** The store key of the chunk with grid index {@code chunk}, for example {@code 0/1.2.0} or {@code 0/1/2/0}. */
    public String chunkKey(long[] chunk) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < chunk.length; i++) {
            if (i > 0) {
                sb.append(metadata.dimensionSeparator());
            }
            sb.append(chunk[i]);
        }
        return key(path, chunk.length == 0 ? "0" : sb.toString());
    }

    /** Reads the whole array. */
    public Object read() throws ZarrException {
        return read(new long[metadata.rank()], metadata.shape());
    }

    /**
     * Reads the box {@code offset}..{@code offset+count}, fetching and decoding only the chunks it meets.
     *
     * @throws ZarrException naming the array and the chunk key when a chunk cannot be read or decoded
     */
    public Object read(long[] offset, long[] count) throws ZarrException {
        int items = checkBox(offset, count);
        ZarrDataType type = metadata.dataType();
        Object box = Boxes.allocate(type.pixelType(), items);
        if (items == 0) {
            return box;
        }
        Number fill = metadata.fillValue();
        boolean zeroFill = Boxes.isZero(fill);
        int[] chunks = metadata.chunks();
        int chunkBytes = metadata.chunkItems() * type.itemSize();
        ByteOrder order = type.byteOrder();
        forEachChunk(offset, count, (index, origin) -> {
            Optional<byte[]> stored = fetch(index);
            if (stored.isEmpty()) {
                if (!zeroFill) {
                    Boxes.forEachRun(origin, chunks, offset, count, (ci, bi, len) -> Boxes.fill(box, bi, len, fill));
                }
                return;
            }
            byte[] raw = decode(index, stored.get(), chunkBytes);
            Boxes.forEachRun(origin, chunks, offset, count, (ci, bi, len) -> Boxes.read(raw, order, box, ci, bi, len));
        });
        return box;
    }

    /**
     * Writes the box {@code offset}..{@code offset+count} from {@code box} (C order). Chunks the box covers
     * entirely are encoded afresh; chunks it covers in part are read, updated and written back.
     */
    public void write(long[] offset, long[] count, Object box) throws ZarrException {
        int items = checkBox(offset, count);
        if (java.lang.reflect.Array.getLength(box) != items || Boxes.allocate(metadata.dataType().pixelType(), 0).getClass() != box.getClass()) {
            throw new IllegalArgumentException("box of " + box.getClass().getSimpleName() + " length " + java.lang.reflect.Array.getLength(box)
                    + " does not hold " + items + " " + metadata.dataType().pixelType().numpyName() + " items");
        }
        if (items == 0) {
            return;
        }
        ZarrDataType type = metadata.dataType();
        int[] chunks = metadata.chunks();
        long[] shape = metadata.shape();
        int chunkItems = metadata.chunkItems();
        ByteOrder order = type.byteOrder();
        forEachChunk(offset, count, (index, origin) -> {
            boolean covered = true;
            for (int d = 0; d < chunks.length; d++) {
                long end = Math.min(origin[d] + chunks[d], shape[d]);
                covered &= offset[d] <= origin[d] && offset[d] + count[d] >= end;
            }
            byte[] raw;
            Optional<byte[]> stored = covered ? Optional.empty() : fetch(index);
            if (stored.isPresent()) {
                raw = decode(index, stored.get(), chunkItems * type.itemSize());
            } else {
                raw = Boxes.filledChunk(type.pixelType(), order, chunkItems, metadata.fillValue());
            }
            Boxes.forEachRun(origin, chunks, offset, count, (ci, bi, len) -> Boxes.write(box, raw, order, ci, bi, len));
            String key = chunkKey(index);
            byte[] encoded;
            try {
                encoded = Codecs.encode(metadata.compressor(), raw, type.itemSize());
            } catch (RuntimeException e) {
                throw new ZarrException(where(store, path) + ": chunk " + key + ": cannot encode with " + metadata.compressor() + ": " + e.getMessage(), e);
            }
            try {
                store.put(key, encoded);
            } catch (IOException e) {
                throw new ZarrException(where(store, path) + ": cannot write chunk " + key + ": " + e.getMessage(), e);
            }
        });
    }

    @FunctionalInterface
    private interface ChunkVisitor {
        void visit(long[] index, long[] origin) throws ZarrException;
    }

    private void forEachChunk(long[] offset, long[] count, ChunkVisitor visitor) throws ZarrException {
        int n = metadata.rank();
        int[] chunks = metadata.chunks();
        long[] first = new long[n];
        long[] last = new long[n];
        for (int d = 0; d < n; d++) {
            first[d] = offset[d] / chunks[d];
            last[d] = (offset[d] + count[d] - 1) / chunks[d];
        }
        long[] index = first.clone();
        while (true) {
            long[] origin = new long[n];
            for (int d = 0; d < n; d++) {
                origin[d] = index[d] * chunks[d];
            }
            visitor.visit(index.clone(), origin);
            int d = n - 1;
            while (d >= 0) {
                if (++index[d] <= last[d]) {
                    break;
                }
                index[d] = first[d];
                d--;
            }
            if (d < 0) {
                return;
            }
        }
    }

    private Optional<byte[]> fetch(long[] index) throws ZarrException {
        String key = chunkKey(index);
        try {
            return store.get(key);
        } catch (IOException | RuntimeException e) {
            throw new ZarrException(where(store, path) + ": cannot read chunk " + key + ": " + e.getMessage(), e);
        }
    }

    private byte[] decode(long[] index, byte[] stored, int expected) throws ZarrException {
        try {
            return Codecs.decode(metadata.compressor(), stored, expected);
        } catch (RuntimeException e) {
            String key = chunkKey(index);
            throw new ZarrException(where(store, path) + ": corrupt chunk " + key + " (" + metadata.compressor() + "): "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    private int checkBox(long[] offset, long[] count) {
        long[] shape = metadata.shape();
        if (offset.length != shape.length || count.length != shape.length) {
            throw new IllegalArgumentException("box rank differs from array rank " + shape.length);
        }
        long items = 1;
        for (int d = 0; d < shape.length; d++) {
            if (offset[d] < 0 || count[d] < 0 || offset[d] + count[d] > shape[d]) {
                throw new IllegalArgumentException("box " + Arrays.toString(offset) + "+" + Arrays.toString(count) + " lies outside "
                        + Arrays.toString(shape));
            }
            items *= count[d];
        }
        if (items > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("box " + Arrays.toString(count) + " has more than 2^31 items; read it in parts");
        }
        return (int) items;
    }

    /** The store key {@code name} inside the array or group at {@code path}. */
    static String key(String path, String name) {
        return path.isEmpty() ? name : path + "/" + name;
    }

    static String where(ZarrStore store, String path) {
        return store.location() + ": array " + (path.isEmpty() ? "/" : path);
    }

    @Override
    public String toString() {
        return where(store, path) + " " + metadata;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZarrArray a && a.store == store && a.path.equals(path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(store), path);
    }
}
