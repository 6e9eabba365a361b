package org.omeroilastik.repository;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import org.omeroilastik.image.io.NdImage;
import org.omeroilastik.model.Axis;
import org.omeroilastik.model.ImageDescriptor;

/**
 * Thumbnails as OMERO renders its defaults: the middle z section of the first time point, the first
 * channel in grey, stretched between its minimum and maximum, the longer side scaled to the size
 * asked for; PNG bytes.
 */
public final class Thumbnails {
    private Thumbnails() {
    }

    /** Reads the middle plane of an image through {@code raw} and renders it. */
    public static byte[] render(RawData raw, long imageId, int size) throws RepositoryException {
        ImageDescriptor d = raw.pixels(imageId);
        NdImage plane = raw.plane(imageId, 0, (int) d.size(Axis.Z) / 2, 0);
        return png(plane, size);
    }

    /** Renders a y × x plane (any numeric type). */
    public static byte[] png(NdImage plane, int size) throws RepositoryException {
        if (size < 1) {
            throw new IllegalArgumentException("thumbnail size must be positive, not " + size);
        }
        ImageDescriptor d = plane.descriptor();
        int ny = (int) d.size(Axis.Y);
        int nx = (int) d.size(Axis.X);
        double[] v = new double[nx * ny];
        var cursor = net.imglib2.view.Views.flatIterable(plane.pixels()).cursor();
        for (int i = 0; i < v.length && cursor.hasNext(); i++) {
            v[i] = ((net.imglib2.type.numeric.RealType<?>) cursor.next()).getRealDouble();
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double scale = max > min ? 255 / (max - min) : 0;
        double f = Math.min(1.0, (double) size / Math.max(nx, ny));
        int w = Math.max(1, (int) Math.round(nx * f));
        int h = Math.max(1, (int) Math.round(ny * f));
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] out = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < h; y++) {
            int sy = Math.min(ny - 1, (int) (y / f));
            for (int x = 0; x < w; x++) {
                int sx = Math.min(nx - 1, (int) (x / f));
                out[y * w + x] = (byte) Math.round((v[sy * nx + sx] - min) * scale);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", bytes);
        } catch (IOException e) {
            throw new RepositoryException("cannot encode a thumbnail: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }
}
