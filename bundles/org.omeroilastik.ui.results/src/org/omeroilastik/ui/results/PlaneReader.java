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
 * Reads the region of one plane a frame shows, every channel at once through {@link RawData#read},
 * and samples it into float arrays of the frame's size ({@code [channel][row * outWidth + column]}).
 * Only the region is read, whatever the image's size, in bands of at most {@code maxBandPixels}
 * pixels per channel so a large region zoomed out never needs the whole region in memory; the
 * output arrays are reused between frames.
 */
public final class PlaneReader {
    /** Default band size: 4 Mi pixels per channel. */
    public static final int DEFAULT_BAND_PIXELS = 1 << 22;

    private final int maxBandPixels;
    private float[][] out = new float[0][];

    public PlaneReader() {
        this(DEFAULT_BAND_PIXELS);
    }

    public PlaneReader(int maxBandPixels) {
        this.maxBandPixels = maxBandPixels;
    }

    /**
     * The region of image {@code imageId} (described by {@code pixels}); t and z beyond the image's
     * extent are clamped (a derived image without a t axis shows the same plane at every t).
     */
    public float[][] read(RawData raw, long imageId, ImageDescriptor pixels, PlaneRegion region) throws RepositoryException {
        AxisOrder axes = pixels.axes();
        int rank = axes.size();
        int yAxis = axes.indexOf(Axis.Y);
        int xAxis = axes.indexOf(Axis.X);
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
        int channels = (int) pixels.channels();
        int rows = (int) count[yAxis];
        int cols = (int) count[xAxis];
        int ow = region.outWidth();
        int oh = region.outHeight();
        if (out.length != channels || out[0].length != ow * oh) {
            out = new float[channels][ow * oh];
        }
        int step = region.step();
        // Whole sampled rows per band: a multiple of the step, at least one sampled row.
        int bandRows = Math.max(step, (int) Math.min(rows, Math.max(1, maxBandPixels / cols)) / step * step);
        PixelType type = pixels.pixelType();
        for (int bandStart = 0; bandStart < rows; bandStart += bandRows) {
            long[] bandOffset = offset.clone();
            long[] bandCount = count.clone();
            bandOffset[yAxis] = offset[yAxis] + bandStart;
            bandCount[yAxis] = Math.min(bandRows, rows - bandStart);
            Object array = NdImages.toArray(raw.read(imageId, bandOffset, bandCount));
            long[] stride = new long[rank];
            long s = 1;
            for (int k = rank - 1; k >= 0; k--) {
                stride[k] = s;
                s *= bandCount[k];
            }
            long cStride = axes.has(Axis.C) ? stride[axes.indexOf(Axis.C)] : 0;
            long yStride = stride[yAxis];
            long xStride = stride[xAxis];
            for (int c = 0; c < channels; c++) {
                float[] o = out[c];
                for (int y = 0; y < bandCount[yAxis]; y += step) {
                    int oy = (bandStart + y) / step;
                    for (int ox = 0; ox < ow; ox++) {
                        int x = ox * step;
                        o[oy * ow + ox] = x < cols ? value(array, type, (int) (c * cStride + y * yStride + x * xStride)) : 0f;
                    }
                }
            }
        }
        // Rows of the region beyond the image (a derived image smaller than its source) stay black.
        for (int oy = (rows + step - 1) / step; oy < oh; oy++) {
            for (int c = 0; c < channels; c++) {
                java.util.Arrays.fill(out[c], oy * ow, (oy + 1) * ow, 0f);
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
