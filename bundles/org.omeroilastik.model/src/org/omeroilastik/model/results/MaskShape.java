package org.omeroilastik.model.results;

/**
 * A binary mask on one plane (z, t), as OMERO's Mask shape: the bounding box in pixels and one bit
 * per pixel of it, row by row, packed most significant bit first (numpy's {@code packbits}), the
 * last byte padded with zeros.
 */
public record MaskShape(int z, int t, int x, int y, int width, int height, byte[] bits) {
    public MaskShape {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a mask needs a positive size, not " + width + "x" + height);
        }
        if (bits.length != ((long) width * height + 7) / 8) {
            throw new IllegalArgumentException("a " + width + "x" + height + " mask needs " + (((long) width * height + 7) / 8)
                    + " bytes, not " + bits.length);
        }
        bits = bits.clone();
    }

    @Override
    public byte[] bits() {
        return bits.clone();
    }

    /** Whether pixel (x, y), relative to the box, is set. */
    public boolean contains(int px, int py) {
        int i = py * width + px;
        return (bits[i >> 3] & (0x80 >> (i & 7))) != 0;
    }
}
