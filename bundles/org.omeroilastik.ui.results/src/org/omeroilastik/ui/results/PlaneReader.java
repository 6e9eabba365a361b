package org.omeroilastik.ui.results;

import org.omeroilastik.image.io.NdImage;
import org.omeroilastik.image.io.NdImages;
import org.omeroilastik.model.Axis;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.PixelType;
import org.omeroilastik.repository.RawData;
import org.omeroilastik.repository.RepositoryException;

/**
 * Reads the region of one plane a frame shows, every channel in one {@link RawData#read}, and samples
 * it into float arrays of the frame's size ({@code [channel][row * outWidth + column]}). Only the
 * region is read, whatever the image's size; the output arrays are reused between frames.
 */
public final class PlaneReader {
    private float[][] out = new float[0][];

    /**
     * The region of image {@code imageId} (described by {@code pixels}); t and z beyond the image's
     * extent are clamped (a derived image without a t axis shows the same plane at every t).
     */
    public float[][] read(RawData raw, long imageId, ImageDescriptor pixels, PlaneRegion region) throws RepositoryException {
        AxisOrder axes = pixels.axes();
        int rank = axes.size();
        long[] offset = new long[rank];
        long[] count = new long[rank];
        for (int k = 0; k < rank; k++) {
            Axis a = axes.get(k);
            long extent = pixels.shape()[k];
            switch (a) {
                case T -> { offset[k] = Math.min(region.t(), extent - 1); count[k] = 1; }
                case Z -> { offset[k] = Math.min(region.z(), extent - 1); count[k] = 1; }
                case Y -> { offset[k] = region.y(); count[k] = Math.min(region.height(), extent - region.y()); }
                case X -> { offset[k] = region.x(); count[k] = Math.min(region.width(), extent - region.x()); }
                case C -> { offset[k] = 0; count[k] = extent; }
                default -> { offset[k] = 0; count[k] = 1; }
            }
            if (count[k] < 1) {
                throw new RepositoryException("image " + imageId + ": region " + region + " lies outside its pixels " + pixels);
            }
        }
        NdImage block = raw.read(imageId, offset, count);
        Object array = NdImages.toArray(block);
        long[] stride = new long[rank];
        long s = 1;
        for (int k = rank - 1; k >= 0; k--) {
            stride[k] = s;
            s *= count[k];
        }
        int channels = (int) pixels.channels();
        long cStride = axes.has(Axis.C) ? stride[axes.indexOf(Axis.C)] : 0;
        long yStride = stride[axes.indexOf(Axis.Y)];
        long xStride = stride[axes.indexOf(Axis.X)];
        int rows = (int) count[axes.indexOf(Axis.Y)];
        int cols = (int) count[axes.indexOf(Axis.X)];
        int ow = region.outWidth();
        int oh = region.outHeight();
        if (out.length != channels || out[0].length != ow * oh) {
            out = new float[channels][ow * oh];
        }
        PixelType type = pixels.pixelType();
        int step = region.step();
        for (int c = 0; c < channels; c++) {
            float[] o = out[c];
            for (int oy = 0; oy < oh; oy++) {
                int y = oy * step;
                for (int ox = 0; ox < ow; ox++) {
                    int x = ox * step;
                    o[oy * ow + ox] = y < rows && x < cols ? value(array, type, (int) (c * cStride + y * yStride + x * xStride)) : 0f;
                }
            }
        }
        return out;
    }

    private static float value(Object array, PixelType type, int i) {
        return switch (array) {
            case byte[] b -> type.isSigned() ? b[i] : b[i] & 0xFF;
            case short[] sh -> type.isSigned() ? sh[i] : sh[i] & 0xFFFF;
            case int[] in -> type.isSigned() ? in[i] : (float) (in[i] & 0xFFFFFFFFL);
            case long[] l -> l[i];
            case float[] f -> f[i];
            case double[] d -> (float) d[i];
            case boolean[] bo -> bo[i] ? 1f : 0f;
            default -> throw new IllegalStateException("unexpected pixel array " + array.getClass().getSimpleName());
        };
    }
}
