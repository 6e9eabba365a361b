package org.omeroilastik.internal.repository.omero;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;

import javax.imageio.ImageIO;

import org.omeroilastik.model.Axis;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.repository.RepositoryException;

/**
 * LOSSY: the rendered 8-bit image, {@code /webgateway/render_image/{id}/{z}/{t}/?c=N&m=g&format=png},
 * one channel at a time in greyscale with the server's rendering settings (its window per channel).
 * Values are 0..255 whatever the pixel type (stored in the descriptor's type so the box fits), not the
 * raw values. Only used when {@code omero.ilastik.pixelSource=rendered} asks for it, and labelled
 * {@value #LABEL}.
 */
final class RenderedSource implements PixelSource {
    static final String LABEL = org.omeroilastik.repository.RawData.LOSSY_RENDERED;
    private final OmeroWebClient client;

    RenderedSource(OmeroWebClient client) {
        this.client = client;
    }

    @Override
    public String id() {
        return "rendered";
    }

    @Override
    public String label() {
        return LABEL;
    }

    @Override
    public Object read(long imageId, ImageDescriptor d, long[] offset, long[] count) throws RepositoryException {
        PlaneBox box = PlaneBox.of(d.axes(), offset, count);
        Object out = PixelArrays.allocate(d.pixelType(), (int) box.total());
        int[] at = box.at();
        int[] n = box.n();
        long[] stride = box.stride();
        for (int t = 0; t < n[0]; t++) {
            for (int z = 0; z < n[1]; z++) {
                for (int c = 0; c < n[2]; c++) {
                    URI uri = client.base().resolve("webgateway/render_image/" + imageId + "/" + (at[1] + z) + "/" + (at[0] + t) + "/?c="
                            + (at[2] + c + 1) + "&m=g&format=png");
                    String what = client.name() + ": GET " + uri.getPath() + "?" + uri.getQuery();
                    Raster plane = decode(client.getBytes(uri, what), what, d);
                    long b = box.planeStart(t, z, c);
                    for (int y = 0; y < n[3]; y++) {
                        for (int x = 0; x < n[4]; x++) {
                            int v = plane.getSample(at[4] + x, at[3] + y, 0) & 0xFF;
                            int i = (int) (b + y * stride[3] + x * stride[4]);
                            switch (out) {
                                case byte[] a -> a[i] = (byte) v;
                                case short[] a -> a[i] = (short) v;
                                case int[] a -> a[i] = v;
                                case float[] a -> a[i] = v;
                                case long[] a -> a[i] = v;
                                case double[] a -> a[i] = v;
                                default -> throw new IllegalStateException(out.getClass().getName());
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static Raster decode(byte[] bytes, String what, ImageDescriptor d) throws RepositoryException {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new RepositoryException(what + ": not a readable image: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new RepositoryException(what + ": not a PNG or JPEG image (" + bytes.length + " bytes)");
        }
        if (image.getWidth() != d.size(Axis.X) || image.getHeight() != d.size(Axis.Y)) {
            throw new RepositoryException(what + ": " + image.getWidth() + "x" + image.getHeight() + " pixels, the image has "
                    + d.size(Axis.X) + "x" + d.size(Axis.Y));
        }
        return image.getRaster();
    }
}
