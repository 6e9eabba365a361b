package org.omeroilastik.internal.repository.omero;

import java.net.URI;

import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.PixelType;
import org.omeroilastik.repository.RepositoryException;

/**
 * omero-ms-pixel-buffer: {@code GET /tile/{image}/{z}/{c}/{t}?x=&y=&w=&h=}, one request per plane
 * (t, z, c) of the box and tile of at most {@value #TILE} × {@value #TILE}, raw big-endian samples.
 */
final class PixelBufferSource implements PixelSource {
    /** Tile edge of pixel requests (omero.pixeldata.max_tile_length's default). */
    static final int TILE = 1024;
    private final OmeroWebClient client;
    private final URI base;

    PixelBufferSource(OmeroWebClient client, URI base) {
        this.client = client;
        this.base = base;
    }

    @Override
    public String id() {
        return "pixel-buffer";
    }

    @Override
    public String label() {
        return "raw:omero-ms-pixel-buffer";
    }

    /** Whether {@code OPTIONS <base>} answers as omero-ms-pixel-buffer does ({@code "provider": "PixelBufferMicroservice"}). */
    boolean announced() {
        String what = client.name() + ": OPTIONS " + base.getPath();
        return client.options(base, what).map(o -> o.has("provider") && o.get("provider").isJsonPrimitive()
                && "PixelBufferMicroservice".equals(o.get("provider").getAsString())).orElse(false);
    }

    /** Where tiles are asked for, for messages. */
    URI base() {
        return base;
    }

    @Override
    public Object read(long imageId, ImageDescriptor d, long[] offset, long[] count) throws RepositoryException {
        PlaneBox box = PlaneBox.of(d.axes(), offset, count);
        PixelType type = d.pixelType();
        Object out = PixelArrays.allocate(type, (int) box.total());
        int[] at = box.at();
        int[] n = box.n();
        long[] stride = box.stride();
        for (int t = 0; t < n[0]; t++) {
            for (int z = 0; z < n[1]; z++) {
                for (int c = 0; c < n[2]; c++) {
                    for (int y0 = 0; y0 < n[3]; y0 += TILE) {
                        for (int x0 = 0; x0 < n[4]; x0 += TILE) {
                            int h = Math.min(TILE, n[3] - y0);
                            int w = Math.min(TILE, n[4] - x0);
                            URI uri = base.resolve(imageId + "/" + (at[1] + z) + "/" + (at[2] + c) + "/" + (at[0] + t) + "?x=" + (at[4] + x0)
                                    + "&y=" + (at[3] + y0) + "&w=" + w + "&h=" + h);
                            String what = client.name() + ": GET " + uri.getPath() + "?" + uri.getQuery();
                            byte[] tile = client.getBytes(uri, what);
                            if (tile.length != (long) w * h * type.bytes()) {
                                throw new RepositoryException(what + ": " + tile.length + " bytes, expected " + ((long) w * h * type.bytes())
                                        + " for " + w + "x" + h + " " + type.numpyName() + " (wrong pixel type?)");
                            }
                            long b = box.planeStart(t, z, c) + y0 * stride[3] + x0 * stride[4];
                            PixelArrays.copyBigEndian(tile, type, w, h, out, b, stride[3], stride[4]);
                        }
                    }
                }
            }
        }
        return out;
    }
}
