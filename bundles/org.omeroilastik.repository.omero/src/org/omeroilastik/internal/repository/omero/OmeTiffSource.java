package org.omeroilastik.internal.repository.omero;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.omeroilastik.image.io.ImageFormat;
import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.image.io.ImageIoException;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.NdImages;
import org.omeroilastik.model.Axis;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.repository.RepositoryException;

/**
 * {@code /webgateway/render_ome_tiff/i/{id}/}: the whole image as one OME-TIFF, which OMERO.web only
 * makes for images without a pyramid (404 otherwise). Downloaded once per image into a temporary
 * {@code .ome.tif} (streamed, never held in memory), read by region through the TIFF image format,
 * deleted on close.
 */
final class OmeTiffSource implements PixelSource {
    private final OmeroWebClient client;
    private final ImageFormats formats;
    private final Map<Long, Path> files = new ConcurrentHashMap<>();

    OmeTiffSource(OmeroWebClient client, ImageFormats formats) {
        this.client = client;
        this.formats = formats;
    }

    @Override
    public String id() {
        return "ome-tiff";
    }

    @Override
    public String label() {
        return "raw:render_ome_tiff";
    }

    /** The image's OME-TIFF on disk, downloaded the first time. */
    synchronized Path file(long imageId) throws RepositoryException {
        Path file = files.get(imageId);
        if (file != null) {
            return file;
        }
        URI uri = client.base().resolve("webgateway/render_ome_tiff/i/" + imageId + "/");
        String what = client.name() + ": GET " + uri.getPath();
        try {
            file = Files.createTempFile("omero-ilastik-" + imageId + "-", ".ome.tif");
        } catch (IOException e) {
            throw new RepositoryException(what + ": cannot create a temporary file: " + e.getMessage(), e);
        }
        boolean ok = false;
        try {
            String type = client.download(uri, file, what).orElseThrow(() -> new RepositoryException(what
                    + ": HTTP 404 (OMERO.web exports no OME-TIFF for images that need a pyramid, by default larger than 3192 x 3192, "
                    + "nor for missing images)"));
            if (type.contains("html") || type.contains("json")) {
                throw new RepositoryException(what + ": expected an OME-TIFF, got " + type);
            }
            files.put(imageId, file);
            ok = true;
            return file;
        } finally {
            if (!ok) {
                delete(file);
            }
        }
    }

    @Override
    public Object read(long imageId, ImageDescriptor d, long[] offset, long[] count) throws RepositoryException {
        Path file = file(imageId);
        String what = client.name() + ": image " + imageId + ": render_ome_tiff " + file.getFileName();
        ImageFormat tiff = formats.byId("tiff").orElseThrow(() -> new RepositoryException(what + ": no TIFF image format installed"));
        ImageSource source = ImageSource.of(file);
        try {
            ImageDescriptor f = tiff.describe(source);
            AxisOrder axes = f.axes();
            AxisOrder ours = d.axes();
            if (f.pixelType() != d.pixelType()) {
                throw new RepositoryException(what + ": " + f.pixelType().numpyName() + ", but OMERO says " + d.pixelType().numpyName());
            }
            long[] at = new long[axes.size()];
            long[] n = new long[axes.size()];
            for (int i = 0; i < axes.size(); i++) {
                Axis a = axes.get(i);
                long size = ours.has(a) ? d.size(a) : 1;
                if (f.shape()[i] != size) {
                    throw new RepositoryException(what + ": shape " + axes + Arrays.toString(f.shape()) + " does not match OMERO's " + d);
                }
                at[i] = ours.has(a) ? offset[ours.indexOf(a)] : 0;
                n[i] = ours.has(a) ? count[ours.indexOf(a)] : 1;
            }
            for (Axis a : ours.axes()) {
                if (!axes.has(a) && d.size(a) != 1) {
                    throw new RepositoryException(what + ": no axis " + a.key() + " in " + axes + ", but OMERO's image has " + d);
                }
            }
            Object box = NdImages.toArray(tiff.readRegion(source, at, n));
            return Transpose.reorder(box, axes, n, ours, count);
        } catch (ImageIoException e) {
            throw new RepositoryException(what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        files.values().forEach(OmeTiffSource::delete);
        files.clear();
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file; the system cleans up
        }
    }
}
