package org.omeroilastik.zarr;

import java.util.List;
import java.util.Objects;

/**
 * A Zarr v2 {@code compressor} (numcodecs' ids): {@code none} (JSON null), {@code gzip}, {@code zlib},
 * {@code zstd} with a level, or {@code blosc} with an inner codec name ({@code blosclz}, {@code lz4},
 * {@code lz4hc}, {@code zlib}, {@code zstd}), level, shuffle (0 none, 1 byte, 2 bit) and block size
 * (0 automatic). All are read; all are written, zstd and lz4 through aircompressor (whose output does
 * not depend on the level), BloscLZ not (it is only decoded).
 */
public record ZarrCompressor(String id, int level, String cname, int shuffle, int blocksize) {
    /** Ids understood. */
    public static final List<String> IDS = List.of("blosc", "gzip", "zlib", "zstd");
    /** Blosc inner codecs understood. */
    public static final List<String> BLOSC_CODECS = List.of("blosclz", "lz4", "lz4hc", "zlib", "zstd");

    public static final ZarrCompressor NONE = new ZarrCompressor("none", 0, "", 0, 0);

    public ZarrCompressor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cname, "cname");
    }

    public static ZarrCompressor gzip(int level) {
        return new ZarrCompressor("gzip", level, "", 0, 0);
    }

    public static ZarrCompressor zlib(int level) {
        return new ZarrCompressor("zlib", level, "", 0, 0);
    }

    public static ZarrCompressor zstd(int level) {
        return new ZarrCompressor("zstd", level, "", 0, 0);
    }

    /** Blosc 1 with {@code cname} inside, as zarr-python's default {@code blosc("lz4", 5, 1)}. */
    public static ZarrCompressor blosc(String cname, int clevel, int shuffle) {
        return new ZarrCompressor("blosc", clevel, cname, shuffle, 0);
    }

    public boolean isNone() {
        return id.equals("none");
    }

    @Override
    public String toString() {
        return switch (id) {
            case "none" -> "no compressor";
            case "blosc" -> "blosc(" + cname + ", clevel " + level + ", shuffle " + shuffle + ")";
            default -> id + "(level " + level + ")";
        };
    }
}
