package org.omeroilastik.internal.zarr;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;

import org.omeroilastik.zarr.ZarrCompressor;

import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;

/** Chunk bytes through a {@link ZarrCompressor}, both ways. */
public final class Codecs {
    private Codecs() {
    }

    /** Whether {@code c} can be read (ids and Blosc codec names we know). */
    public static void requireReadable(ZarrCompressor c) {
        if (c.isNone() || c.id().equals("gzip") || c.id().equals("zlib") || c.id().equals("zstd")) {
            return;
        }
        if (c.id().equals("blosc")) {
            if (!ZarrCompressor.BLOSC_CODECS.contains(c.cname())) {
                throw new IllegalArgumentException("unsupported Blosc codec '" + c.cname() + "' (supported: "
                        + String.join(", ", ZarrCompressor.BLOSC_CODECS) + ")");
            }
            return;
        }
        throw new IllegalArgumentException("unsupported compressor '" + c.id() + "' (supported: null, " + String.join(", ", ZarrCompressor.IDS) + ")");
    }

    /**
     * Decodes a stored chunk to exactly {@code expected} bytes.
     *
     * @throws IllegalStateException (or another runtime exception from a codec) when the bytes are corrupt
     */
    public static byte[] decode(ZarrCompressor c, byte[] stored, int expected) {
        byte[] raw = switch (c.id()) {
            case "none" -> stored;
            case "gzip" -> gunzip(stored, expected);
            case "zlib" -> {
                byte[] out = new byte[expected];
                int n = inflate(stored, 0, stored.length, out, 0, expected);
                yield n == expected ? out : Arrays.copyOf(out, n);
            }
            case "zstd" -> {
                byte[] out = new byte[expected];
                int n = new ZstdDecompressor().decompress(stored, 0, stored.length, out, 0, expected);
                yield n == expected ? out : Arrays.copyOf(out, n);
            }
            case "blosc" -> Blosc.decompress(stored, expected);
            default -> throw new IllegalArgumentException("unsupported compressor '" + c.id() + "'");
        };
        if (raw.length != expected) {
            throw new IllegalStateException("decodes to " + raw.length + " bytes, expected " + expected);
        }
        return raw;
    }

    /** Encodes a chunk's bytes; {@code typesize} is the item size (Blosc's shuffle needs it). */
    public static byte[] encode(ZarrCompressor c, byte[] raw, int typesize) {
        return switch (c.id()) {
            case "none" -> raw;
            case "gzip" -> gzip(raw, c.level());
            case "zlib" -> deflate(raw, 0, raw.length, c.level(), false);
            case "zstd" -> {
                ZstdCompressor z = new ZstdCompressor();
                byte[] out = new byte[z.maxCompressedLength(raw.length)];
                int n = z.compress(raw, 0, raw.length, out, 0, out.length);
                yield Arrays.copyOf(out, n);
            }
            case "blosc" -> Blosc.compress(raw, typesize, c.cname(), c.level(), c.shuffle());
            default -> throw new IllegalArgumentException("unsupported compressor '" + c.id() + "'");
        };
    }

    /** zlib-format (RFC 1950) data into {@code out}; returns the bytes written, failing when more would follow. */
    static int inflate(byte[] in, int off, int len, byte[] out, int outOff, int outLen) {
        Inflater inf = new Inflater();
        try {
            inf.setInput(in, off, len);
            int n = 0;
            while (n < outLen && !inf.finished()) {
                int k = inf.inflate(out, outOff + n, outLen - n);
                if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw new IllegalStateException("truncated zlib stream");
                }
                n += k;
            }
            if (!inf.finished()) {
                byte[] probe = new byte[1];
                if (inf.inflate(probe) > 0) {
                    throw new IllegalStateException("zlib stream decodes to more than " + outLen + " bytes");
                }
                if (!inf.finished()) {
                    throw new IllegalStateException("truncated zlib stream");
                }
            }
            return n;
        } catch (DataFormatException e) {
            throw new IllegalStateException("corrupt zlib stream: " + e.getMessage(), e);
        } finally {
            inf.end();
        }
    }

    static byte[] deflate(byte[] in, int off, int len, int level, boolean nowrap) {
        Deflater def = new Deflater(Math.max(0, Math.min(9, level)), nowrap);
        try {
            def.setInput(in, off, len);
            def.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(len / 2 + 64);
            byte[] buf = new byte[64 << 10];
            while (!def.finished()) {
                int n = def.deflate(buf);
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            def.end();
        }
    }

    private static byte[] gunzip(byte[] in, int expected) {
        try (GZIPInputStream z = new GZIPInputStream(new ByteArrayInputStream(in), 64 << 10)) {
            byte[] out = z.readNBytes(expected);
            if (z.read() >= 0) {
                throw new IllegalStateException("gzip stream decodes to more than " + expected + " bytes");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("corrupt gzip stream: " + e.getMessage(), e);
        }
    }

    private static byte[] gzip(byte[] raw, int level) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out, 64 << 10) {
            {
                def.setLevel(Math.max(0, Math.min(9, level)));
            }
        }) {
            z.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
