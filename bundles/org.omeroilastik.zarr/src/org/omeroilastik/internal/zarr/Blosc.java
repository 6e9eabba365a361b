package org.omeroilastik.internal.zarr;

import java.util.Arrays;

import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;

/**
 * The Blosc 1 container (format version 2) as c-blosc 1.x writes it: a 16-byte header (version,
 * codec format version, flags, type size, uncompressed bytes, block size, compressed bytes, all
 * little-endian), then, unless the buffer is a plain copy (flag 0x2), one 32-bit start offset per
 * block; each block holds one stream, or one per byte of the type ("split") when the split rule
 * applies, each stream a 32-bit size and the codec's bytes (stored raw when that size equals the
 * stream's length). Blocks are shuffled (flag 0x1) or bit-shuffled (0x4) before compression. Flag
 * bits 5..7 name the codec format: 0 BloscLZ, 1 LZ4 (and LZ4HC), 3 zlib, 4 zstd (2, Snappy, is refused).
 */
final class Blosc {
    static final int HEADER = 16;
    private static final int DOSHUFFLE = 0x1;
    private static final int MEMCPYED = 0x2;
    private static final int DOBITSHUFFLE = 0x4;
    private static final int DONT_SPLIT = 0x10;
    private static final int MAX_SPLITS = 16;
    private static final int MIN_BUFFERSIZE = 128;
    private static final int BLOCKSIZE = 256 << 10;

    private Blosc() {
    }

    /** Decodes a whole Blosc buffer that must hold {@code expected} bytes. */
    static byte[] decompress(byte[] in, int expected) {
        if (in.length < HEADER) {
            throw new IllegalStateException("Blosc buffer of " + in.length + " bytes is shorter than its 16-byte header");
        }
        int version = in[0] & 0xff;
        int flags = in[2] & 0xff;
        int typesize = in[3] & 0xff;
        int nbytes = le32(in, 4);
        int blocksize = le32(in, 8);
        int cbytes = le32(in, 12);
        if (version == 0 || version > 2) {
            throw new IllegalStateException("Blosc format version " + version + " is not Blosc 1 (versions 1 and 2 are read)");
        }
        if (nbytes != expected) {
            throw new IllegalStateException("Blosc header says " + nbytes + " bytes, the chunk needs " + expected);
        }
        if (cbytes > in.length || cbytes < HEADER) {
            throw new IllegalStateException("Blosc header says " + cbytes + " compressed bytes, the buffer has " + in.length);
        }
        byte[] out = new byte[nbytes];
        if ((flags & MEMCPYED) != 0) {
            if (cbytes != nbytes + HEADER) {
                throw new IllegalStateException("Blosc plain copy of " + nbytes + " bytes has " + cbytes + " bytes");
            }
            System.arraycopy(in, HEADER, out, 0, nbytes);
            return out;
        }
        if (nbytes == 0) {
            return out;
        }
        if (typesize == 0 || blocksize <= 0) {
            throw new IllegalStateException("Blosc header has type size " + typesize + ", block size " + blocksize);
        }
        int format = flags >> 5;
        if (format == 2) {
            throw new IllegalStateException("Blosc codec Snappy is not supported");
        }
        if (format > 4) {
            throw new IllegalStateException("unknown Blosc codec format " + format);
        }
        int nblocks = nbytes / blocksize;
        int leftover = nbytes % blocksize;
        if (leftover > 0) {
            nblocks++;
        }
        if (HEADER + 4L * nblocks > cbytes) {
            throw new IllegalStateException("Blosc buffer too short for its " + nblocks + " block offsets");
        }
        byte[] tmp = new byte[Math.min(blocksize, nbytes)];
        for (int j = 0; j < nblocks; j++) {
            boolean last = j == nblocks - 1 && leftover > 0;
            int bsize = last ? leftover : blocksize;
            int start = le32(in, HEADER + 4 * j);
            decodeBlock(in, cbytes, start, flags, typesize, bsize, last, out, j * blocksize, tmp, format);
        }
        return out;
    }

    private static void decodeBlock(byte[] in, int cbytes, int src, int flags, int typesize, int bsize, boolean leftover, byte[] out,
            int outOff, byte[] tmp, int format) {
        boolean shuffle = (flags & DOSHUFFLE) != 0 && typesize > 1;
        boolean bitshuffle = (flags & DOBITSHUFFLE) != 0 && bsize >= typesize;
        boolean split = (flags & DONT_SPLIT) == 0 && typesize <= MAX_SPLITS && bsize / typesize >= MIN_BUFFERSIZE && !leftover;
        int nsplits = split ? typesize : 1;
        int neblock = bsize / nsplits;
        byte[] dst = shuffle || bitshuffle ? tmp : out;
        int dstOff = shuffle || bitshuffle ? 0 : outOff;
        for (int s = 0; s < nsplits; s++) {
            if (src < HEADER || src > cbytes - 4) {
                throw new IllegalStateException("Blosc stream offset " + src + " lies outside the buffer");
            }
            int size = le32(in, src);
            src += 4;
            if (size < 0 || size > cbytes - src) {
                throw new IllegalStateException("Blosc stream of " + size + " bytes at " + src + " runs past the buffer");
            }
            if (size == neblock) {
                System.arraycopy(in, src, dst, dstOff, neblock);
            } else {
                decodeStream(format, in, src, size, dst, dstOff, neblock);
            }
            src += size;
            dstOff += neblock;
        }
        if (shuffle) {
            Shuffle.unshuffle(typesize, tmp, 0, out, outOff, bsize);
        } else if (bitshuffle) {
            Shuffle.bitunshuffle(typesize, tmp, 0, out, outOff, bsize);
        }
    }

    private static void decodeStream(int format, byte[] in, int off, int len, byte[] out, int outOff, int outLen) {
        int n;
        switch (format) {
            case 0 -> {
                BloscLz.decompress(in, off, len, out, outOff, outLen);
                return;
            }
            case 1 -> n = new Lz4Decompressor().decompress(in, off, len, out, outOff, outLen);
            case 3 -> n = Codecs.inflate(in, off, len, out, outOff, outLen);
            case 4 -> n = new ZstdDecompressor().decompress(in, off, len, out, outOff, outLen);
            default -> throw new IllegalStateException("unknown Blosc codec format " + format);
        }
        if (n != outLen) {
            throw new IllegalStateException("Blosc stream decodes to " + n + " bytes, expected " + outLen);
        }
    }

    /**
     * Encodes {@code raw} as c-blosc would read it back: blocks of up to 256 KiB (a multiple of the type
     * size), split per byte of the type where the compatibility rule asks for it, each stream stored raw
     * when the codec does not shrink it, and the whole buffer as a plain copy when nothing shrinks or the
     * level is 0. {@code cname} is lz4, lz4hc (written with the LZ4 compressor, same format), zlib or zstd.
     */
    static byte[] compress(byte[] raw, int typesize, String cname, int clevel, int shuffle) {
        int format = switch (cname) {
            case "lz4", "lz4hc" -> 1;
            case "zlib" -> 3;
            case "zstd" -> 4;
            default -> throw new IllegalArgumentException("Blosc codec '" + cname + "' is read but not written (write lz4, lz4hc, zlib or zstd)");
        };
        if (typesize < 1 || typesize > 255) {
            throw new IllegalArgumentException("Blosc type size must be 1..255, not " + typesize);
        }
        int nbytes = raw.length;
        int flags = format << 5;
        boolean doShuffle = shuffle == 1 && typesize > 1;
        boolean doBitshuffle = shuffle == 2;
        if (doShuffle) {
            flags |= DOSHUFFLE;
        } else if (doBitshuffle) {
            flags |= DOBITSHUFFLE;
        }
        int blocksize = nbytes < typesize ? Math.max(1, nbytes) : Math.min(nbytes, BLOCKSIZE) / typesize * typesize;
        if (clevel > 0 && nbytes > 0) {
            byte[] encoded = compressBlocks(raw, typesize, format, clevel, flags, blocksize, doShuffle, doBitshuffle);
            if (encoded != null) {
                return encoded;
            }
        }
        byte[] out = new byte[HEADER + nbytes];
        header(out, flags | MEMCPYED, typesize, nbytes, blocksize, out.length, format);
        System.arraycopy(raw, 0, out, HEADER, nbytes);
        return out;
    }

    private static byte[] compressBlocks(byte[] raw, int typesize, int format, int clevel, int flags, int blocksize, boolean doShuffle,
            boolean doBitshuffle) {
        int nbytes = raw.length;
        int nblocks = (nbytes + blocksize - 1) / blocksize;
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream(nbytes / 2 + 64);
        int[] starts = new int[nblocks];
        int base = HEADER + 4 * nblocks;
        byte[] tmp = new byte[blocksize];
        for (int j = 0; j < nblocks; j++) {
            starts[j] = base + body.size();
            int off = j * blocksize;
            int bsize = Math.min(blocksize, nbytes - off);
            boolean leftover = bsize < blocksize;
            byte[] block = raw;
            int blockOff = off;
            if (doShuffle) {
                Shuffle.shuffle(typesize, raw, off, tmp, 0, bsize);
                block = tmp;
                blockOff = 0;
            } else if (doBitshuffle && bsize >= typesize) {
                Shuffle.bitshuffle(typesize, raw, off, tmp, 0, bsize);
                block = tmp;
                blockOff = 0;
            }
            boolean split = typesize <= MAX_SPLITS && bsize / typesize >= MIN_BUFFERSIZE && !leftover;
            int nsplits = split ? typesize : 1;
            int neblock = bsize / nsplits;
            for (int s = 0; s < nsplits; s++) {
                byte[] c = encodeStream(format, clevel, block, blockOff + s * neblock, neblock);
                boolean stored = c == null || c.length >= neblock;
                int size = stored ? neblock : c.length;
                body.write(size & 0xff);
                body.write((size >> 8) & 0xff);
                body.write((size >> 16) & 0xff);
                body.write((size >>> 24) & 0xff);
                if (stored) {
                    body.write(block, blockOff + s * neblock, neblock);
                } else {
                    body.write(c, 0, c.length);
                }
            }
            if (base + body.size() >= HEADER + nbytes) {
                return null;
            }
        }
        byte[] out = new byte[base + body.size()];
        header(out, flags, typesize, nbytes, blocksize, out.length, format);
        for (int j = 0; j < nblocks; j++) {
            putLe32(out, HEADER + 4 * j, starts[j]);
        }
        byte[] b = body.toByteArray();
        System.arraycopy(b, 0, out, base, b.length);
        return out;
    }

    private static byte[] encodeStream(int format, int clevel, byte[] in, int off, int len) {
        switch (format) {
            case 1 -> {
                Lz4Compressor c = new Lz4Compressor();
                byte[] out = new byte[c.maxCompressedLength(len)];
                int n = c.compress(in, off, len, out, 0, out.length);
                return Arrays.copyOf(out, n);
            }
            case 3 -> {
                return Codecs.deflate(in, off, len, clevel, false);
            }
            case 4 -> {
                ZstdCompressor c = new ZstdCompressor();
                byte[] out = new byte[c.maxCompressedLength(len)];
                int n = c.compress(in, off, len, out, 0, out.length);
                return Arrays.copyOf(out, n);
            }
            default -> {
                return null;
            }
        }
    }

    private static void header(byte[] out, int flags, int typesize, int nbytes, int blocksize, int cbytes, int format) {
        out[0] = 2;
        out[1] = 1; // every codec's format version in c-blosc 1.x is 1
        out[2] = (byte) flags;
        out[3] = (byte) typesize;
        putLe32(out, 4, nbytes);
        putLe32(out, 8, blocksize);
        putLe32(out, 12, cbytes);
    }

    static int le32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    private static void putLe32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >> 8);
        b[off + 2] = (byte) (v >> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
