package org.omeroilastik.internal.image.io;

import java.awt.Point;
import java.awt.image.BandedSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferDouble;
import java.awt.image.DataBufferFloat;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferShort;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

import org.omeroilastik.model.PixelType;

/** Between java.awt rasters (one 2D plane, bands = channels) and our primitive arrays. */
final class RasterPlanes {
    private RasterPlanes() {
    }

    /** The pixel type of a raster; {@code signedHint} is TIFF's SampleFormat 2 (signed integers). */
    static PixelType pixelType(Raster raster, boolean signedHint) {
        return pixelType(raster.getDataBuffer().getDataType(), signedHint);
    }

    /** The pixel type of a java.awt DataBuffer type. */
    static PixelType pixelType(int dataBufferType, boolean signedHint) {
        return switch (dataBufferType) {
            case DataBuffer.TYPE_BYTE -> signedHint ? PixelType.INT8 : PixelType.UINT8;
            case DataBuffer.TYPE_USHORT -> PixelType.UINT16;
            case DataBuffer.TYPE_SHORT -> PixelType.INT16;
            case DataBuffer.TYPE_INT -> signedHint ? PixelType.INT32 : PixelType.UINT32;
            case DataBuffer.TYPE_FLOAT -> PixelType.FLOAT32;
            case DataBuffer.TYPE_DOUBLE -> PixelType.FLOAT64;
            default -> throw new IllegalArgumentException("unsupported raster data type " + dataBufferType);
        };
    }

    /**
     * Copies band {@code band} of the raster into {@code dest}: sample (x, y) goes to
     * {@code dest[offset + (y * width + x) * stride]}.
     */
    static void copyBand(Raster raster, int band, Object dest, int offset, int stride) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int x0 = raster.getMinX();
        int y0 = raster.getMinY();
        switch (dest) {
            case float[] f -> {
                float[] row = new float[w];
                for (int y = 0; y < h; y++) {
                    raster.getSamples(x0, y0 + y, w, 1, band, row);
                    for (int x = 0; x < w; x++) {
                        f[offset + (y * w + x) * stride] = row[x];
                    }
                }
            }
            case double[] d -> {
                double[] row = new double[w];
                for (int y = 0; y < h; y++) {
                    raster.getSamples(x0, y0 + y, w, 1, band, row);
                    for (int x = 0; x < w; x++) {
                        d[offset + (y * w + x) * stride] = row[x];
                    }
                }
            }
            default -> {
                int[] row = new int[w];
                for (int y = 0; y < h; y++) {
                    raster.getSamples(x0, y0 + y, w, 1, band, row);
                    for (int x = 0; x < w; x++) {
                        int i = offset + (y * w + x) * stride;
                        switch (dest) {
                            case byte[] b -> b[i] = (byte) row[x];
                            case short[] s -> s[i] = (short) row[x];
                            case int[] a -> a[i] = row[x];
                            default -> throw new IllegalArgumentException("unsupported array " + dest.getClass());
                        }
                    }
                }
            }
        }
    }

    /** Whether one plane of {@code type} can be held in a raster for writing. */
    static boolean supports(PixelType type) {
        return switch (type) {
            case UINT8, UINT16, INT16, INT32, FLOAT32, FLOAT64 -> true;
            default -> false;
        };
    }

    /** A one-band raster holding plane samples {@code src[offset + i * stride]}, i over w*h. */
    static WritableRaster plane(PixelType type, Object src, int offset, int stride, int w, int h) {
        int n = w * h;
        DataBuffer buffer = switch (type) {
            case UINT8 -> {
                byte[] b = new byte[n];
                for (int i = 0; i < n; i++) {
                    b[i] = ((byte[]) src)[offset + i * stride];
                }
                yield new DataBufferByte(b, n);
            }
            case UINT16, INT16 -> {
                short[] s = new short[n];
                for (int i = 0; i < n; i++) {
                    s[i] = ((short[]) src)[offset + i * stride];
                }
                yield type == PixelType.UINT16 ? new DataBufferUShort(s, n) : new DataBufferShort(s, n);
            }
            case INT32 -> {
                int[] a = new int[n];
                for (int i = 0; i < n; i++) {
                    a[i] = ((int[]) src)[offset + i * stride];
                }
                yield new DataBufferInt(a, n);
            }
            case FLOAT32 -> {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = ((float[]) src)[offset + i * stride];
                }
                yield new DataBufferFloat(f, n);
            }
            case FLOAT64 -> {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = ((double[]) src)[offset + i * stride];
                }
                yield new DataBufferDouble(d, n);
            }
            default -> throw new IllegalArgumentException("no raster for " + type);
        };
        return Raster.createWritableRaster(new BandedSampleModel(buffer.getDataType(), w, h, 1), buffer, new Point(0, 0));
    }
}
