package org.omeroilastik.internal.repository.omero;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.omeroilastik.model.Axis;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.repository.RepositoryException;
import org.omeroilastik.zarr.OmeZarr;
import org.omeroilastik.zarr.ZarrArray;
import org.omeroilastik.zarr.ZarrException;
import org.omeroilastik.zarr.ZarrStore;

/**
 * omero-web-zarr: the image as OME-Zarr under {@code <server>/zarr/v0.4/image/{id}.zarr/}, through
 * a read-only {@link ZarrStore} whose keys this client fetches (session, retries and re-login shared
 * with every other request; 404 is a missing chunk). Level 0 is read; its axes (t, c, z, y, x with
 * size-1 axes left out) are mapped by name onto the descriptor's, and only the chunks a box meets
 * are fetched.
 */
final class ZarrSource implements PixelSource {
    private final OmeroWebClient client;
    private final URI root;
    private final Map<Long, OmeZarr> images = new ConcurrentHashMap<>();

    ZarrSource(OmeroWebClient client) {
        this.client = client;
        this.root = client.base().resolve("zarr/v0.4/image/");
    }

    @Override
    public String id() {
        return "zarr";
    }

    @Override
    public String label() {
        return "raw:omero-web-zarr";
    }

    /** The image's OME-Zarr group; reads its {@code .zattrs} the first time. */
    OmeZarr open(long imageId) throws RepositoryException {
        OmeZarr z = images.get(imageId);
        if (z != null) {
            return z;
        }
        URI base = root.resolve(imageId + ".zarr/");
        ZarrStore store = ZarrStore.readOnly(base.toString(), key -> {
            URI uri = base.resolve(key);
            return client.getIfFound(uri, client.name() + ": GET " + uri.getPath());
        });
        try {
            z = OmeZarr.open(store);
        } catch (ZarrException e) {
            throw new RepositoryException(client.name() + ": image " + imageId + ": " + e.getMessage(), e);
        }
        images.put(imageId, z);
        return z;
    }

    @Override
    public Object read(long imageId, ImageDescriptor d, long[] offset, long[] count) throws RepositoryException {
        OmeZarr image = open(imageId);
        AxisOrder ours = d.axes();
        try {
            ZarrArray array = image.array(0);
            AxisOrder axes = image.axisOrder();
            long[] shape = array.shape();
            if (array.metadata().dataType().pixelType() != d.pixelType()) {
                throw new RepositoryException(where(image) + ": dtype " + array.metadata().dataType() + ", but OMERO says "
                        + d.pixelType().numpyName());
            }
            long[] at = new long[axes.size()];
            long[] n = new long[axes.size()];
            for (int i = 0; i < axes.size(); i++) {
                Axis a = axes.get(i);
                long size = ours.has(a) ? d.shape()[ours.indexOf(a)] : 1;
                if (shape[i] != size) {
                    throw new RepositoryException(where(image) + ": shape " + axes + Arrays.toString(shape) + " does not match OMERO's " + d);
                }
                at[i] = ours.has(a) ? offset[ours.indexOf(a)] : 0;
                n[i] = ours.has(a) ? count[ours.indexOf(a)] : 1;
            }
            for (Axis a : ours.axes()) {
                if (!axes.has(a) && d.size(a) != 1) {
                    throw new RepositoryException(where(image) + ": no axis " + a.key() + " in " + axes + ", but OMERO's image has " + d);
                }
            }
            Object box = array.read(at, n);
            return Transpose.reorder(box, axes, n, ours, count);
        } catch (ZarrException e) {
            throw new RepositoryException(client.name() + ": image " + imageId + ": " + e.getMessage(), e);
        }
    }

    private String where(OmeZarr image) {
        return client.name() + ": " + image.store().location() + "0/.zarray";
    }
}
