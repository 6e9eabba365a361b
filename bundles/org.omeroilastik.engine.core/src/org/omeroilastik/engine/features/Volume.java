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
}
