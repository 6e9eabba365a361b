package org.omeroilastik.engine.features;

/**
 * A float32 volume of nz × ny × nx samples in C order (x fastest); 2D images have nz = 1. The working
 * type of the feature pipeline: flat arrays keep the inner loops free of allocation and indirection.
 */
public record Volume(int nz, int ny, int nx, float[] data) {

    public Volume {
        if ((long) nz * ny * nx != data.length) {
            throw new IllegalArgumentException(nz + "x" + ny + "x" + nx + " does not match " + data.length + " samples");
        }
    }

    public static Volume zeros(int nz, int ny, int nx) {
        return new Volume(nz, ny, nx, new float[Math.multiplyExact(Math.multiplyExact(nz, ny), nx)]);
    }

    public Volume likeThis() {
        return zeros(nz, ny, nx);
    }

    public int size() {
        return data.length;
    }

    public float get(int z, int y, int x) {
        return data[(z * ny + y) * nx + x];
    }

    /** A copy of the box starting at (z0, y0, x0) with extent (cz, cy, cx). */
    public Volume crop(int z0, int y0, int x0, int cz, int cy, int cx) {
        if (z0 == 0 && y0 == 0 && x0 == 0 && cz == nz && cy == ny && cx == nx) {
            return this;
        }
        if (z0 < 0 || y0 < 0 || x0 < 0 || z0 + cz > nz || y0 + cy > ny || x0 + cx > nx) {
            throw new IllegalArgumentException("crop outside the volume");
        }
        Volume out = zeros(cz, cy, cx);
        for (int z = 0; z < cz; z++) {
            for (int y = 0; y < cy; y++) {
                System.arraycopy(data, ((z0 + z) * ny + y0 + y) * nx + x0, out.data, (z * cy + y) * cx, cx);
            }
        }
        return out;
    }
}
