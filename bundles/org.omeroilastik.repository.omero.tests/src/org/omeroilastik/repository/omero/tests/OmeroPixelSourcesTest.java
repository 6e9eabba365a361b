package org.omeroilastik.repository.omero.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.omeroilastik.image.io.NdImages;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.repository.RepositoryException;
import org.omeroilastik.repository.omero.OmeroCredentials;
import org.omeroilastik.testing.Services;
import org.omeroilastik.testing.omero.OmeroWebDouble;
import org.osgi.framework.ServiceRegistration;

/**
 * Where raw pixels come from ({@code omero.ilastik.pixelSource}): omero-ms-pixel-buffer tiles,
 * omero-web-zarr chunks and render_ome_tiff give the same boxes; {@code auto} falls back in that order
 * and never to the rendered 8-bit image, which is read only when asked for and then labelled.
 */
class OmeroPixelSourcesTest {
    private static final int X = 70, Y = 50, Z = 3, C = 2, T = 2;
    private static final String PROPERTY = "omero.ilastik.pixelSource";

    private OmeroWebDouble web;
    private ServiceRegistration<OmeroCredentials> credentials;
    private long lab;

    /** The value at a position spells it: t, c, z in the ten thousands and thousands; y, x below. */
    private static int value(int x, int y, int z, int c, int t) {
        return t * 30000 + c * 10000 + z * 1000 + (y * X + x) % 1000;
    }

    private long start() throws Exception {
        web = new OmeroWebDouble(null);
        lab = web.group("Lab");
        web.user("ann", "pw", lab);
        long dataset = web.dataset(lab, "D", web.project(lab, "P"));
        long id = web.image(lab, "stack", dataset, X, Y, Z, C, T, "uint16", 0.5);
        ByteBuffer b = ByteBuffer.allocate(X * Y * Z * C * T * 2);
        for (int t = 0; t < T; t++) {
            for (int c = 0; c < C; c++) {
                for (int z = 0; z < Z; z++) {
                    for (int y = 0; y < Y; y++) {
                        for (int x = 0; x < X; x++) {
                            b.putShort((short) value(x, y, z, c, t));
                        }
                    }
                }
            }
        }
        web.pixels(id, b.array());
        credentials = DoubleLogins.register(web, "ann", "pw", null);
        return id;
    }

    /** The repository with {@value #PROPERTY} set to {@code source} while it opens. */
    private Repository open(String source) throws RepositoryException {
        System.setProperty(PROPERTY, source);
        try {
            return Services.get(Repositories.class).open("omero:" + web.uri(), false);
        } finally {
            System.clearProperty(PROPERTY);
        }
    }

    @AfterEach
    void stop() {
        System.clearProperty(PROPERTY);
        if (credentials != null) {
            credentials.unregister();
        }
        if (web != null) {
            web.close();
        }
    }

    /** A box in our order t, z, y, x, c (t=1, z=1..2, y=10..13, x=60..69, both channels), and the whole image. */
    private static void checkBoxes(Repository repo, long id, String source) throws Exception {
        long[] offset = {1, 1, 10, 60, 0};
        long[] count = {1, 2, 4, 10, 2};
        short[] box = (short[]) NdImages.toArray(repo.rawData().read(id, offset, count));
        int i = 0;
        for (int z = 1; z < 3; z++) {
            for (int y = 10; y < 14; y++) {
                for (int x = 60; x < 70; x++) {
                    for (int c = 0; c < 2; c++) {
                        assertEquals(value(x, y, z, c, 1), box[i++] & 0xFFFF, source + ": t1 z" + z + " y" + y + " x" + x + " c" + c);
                    }
                }
            }
        }
        short[] all = (short[]) NdImages.toArray(repo.rawData().read(id, new long[5], new long[] {T, Z, Y, X, C}));
        i = 0;
        for (int t = 0; t < T; t++) {
            for (int z = 0; z < Z; z++) {
                for (int y = 0; y < Y; y++) {
                    for (int x = 0; x < X; x++) {
                        for (int c = 0; c < C; c++) {
                            assertEquals(value(x, y, z, c, t), all[i++] & 0xFFFF, source + ": t" + t + " z" + z + " y" + y + " x" + x + " c" + c);
                        }
                    }
                }
            }
        }
        short[] plane = (short[]) NdImages.toArray(repo.rawData().plane(id, 0, 2, 1));
        assertEquals(value(33, 44, 2, 1, 0), plane[44 * X + 33] & 0xFFFF, source);
    }

    @Test
    void everyRawSourceReadsTheSameValues() throws Exception {
        long id = start();
        for (String[] s : new String[][] {{"pixel-buffer", "raw:omero-ms-pixel-buffer", "/tile/"}, {"zarr", "raw:omero-web-zarr", "/zarr/"},
                {"ome-tiff", "raw:render_ome_tiff", "/webgateway/render_ome_tiff/"}}) {
            web.clearRequestLog();
            try (Repository repo = open(s[0])) {
                assertEquals(Optional.empty(), repo.rawData().pixelSource(), "before the first read");
                checkBoxes(repo, id, s[0]);
                assertEquals(Optional.of(s[1]), repo.rawData().pixelSource());
            }
            assertTrue(!web.requestLog(s[2]).isEmpty(), s[0] + " went through " + s[2]);
            for (String other : List.of("/tile/", "/zarr/", "/webgateway/render_ome_tiff/", "/webgateway/render_image/")) {
                if (!other.equals(s[2])) {
                    assertEquals(List.of(), web.requestLog(other), s[0]);
                }
            }
        }
        // OMERO.web redirects a second export of the same image to its cached copy under /static/.
        web.clearRequestLog();
        try (Repository repo = open("ome-tiff")) {
            checkBoxes(repo, id, "ome-tiff (cached)");
        }
        assertEquals(1, web.requestLog("/static/webgateway/tfiles/" + id + "/").size(), web.requestLog("/").toString());
    }

    @Test
    void autoFallsBackInOrderAndNeverToTheRenderedImage() throws Exception {
        long id = start();
        try (Repository repo = open("auto")) {
            checkBoxes(repo, id, "auto");
            assertEquals(Optional.of("raw:omero-ms-pixel-buffer"), repo.rawData().pixelSource());
        }
        web.offerPixelBuffer(false);
        try (Repository repo = open("auto")) {
            checkBoxes(repo, id, "auto without pixel buffer");
            assertEquals(Optional.of("raw:omero-web-zarr"), repo.rawData().pixelSource());
        }
        web.offerZarr(false);
        try (Repository repo = open("auto")) {
            checkBoxes(repo, id, "auto without pixel buffer and zarr");
            assertEquals(Optional.of("raw:render_ome_tiff"), repo.rawData().pixelSource());
        }
        web.offerOmeTiff(false);
        web.clearRequestLog();
        try (Repository repo = open("auto")) {
            RepositoryException e = assertThrows(RepositoryException.class, () -> repo.rawData().plane(id, 0, 0, 0));
            String m = e.getMessage();
            assertTrue(m.startsWith("omero:" + web.uri() + ": image " + id + ": no raw pixels: tried omero-ms-pixel-buffer at " + web.uri()
                    + "tile/ (no OPTIONS answer; omero:" + web.uri() + ": GET /tile/" + id + "/0/0/0?x=0&y=0&w=70&h=50: expected JSON, got text/html"), m);
            assertTrue(m.contains("; omero-web-zarr (omero:" + web.uri() + ": image " + id + ": " + web.uri() + "zarr/v0.4/image/" + id
                    + ".zarr/: group /: no .zattrs (key .zattrs)"), m);
            assertTrue(m.contains("; render_ome_tiff (omero:" + web.uri() + ": GET /webgateway/render_ome_tiff/i/" + id
                    + "/: HTTP 404 (OMERO.web exports no OME-TIFF for images that need a pyramid"), m);
            assertTrue(m.endsWith(". The rendered 8-bit image is lossy and read only when asked for: -Domero.ilastik.pixelSource=rendered"), m);
            assertEquals(Optional.empty(), repo.rawData().pixelSource());
        }
        assertEquals(List.of(), web.requestLog("/webgateway/render_image/"), "auto never asks for the rendered image");
        // Once one source has answered, the repository keeps it: switching the service off later fails, naming the request.
        web.offerPixelBuffer(true);
        try (Repository repo = open("auto")) {
            repo.rawData().plane(id, 0, 0, 0);
            web.offerPixelBuffer(false);
            web.offerZarr(true);
            RepositoryException e = assertThrows(RepositoryException.class, () -> repo.rawData().plane(id, 1, 0, 0));
            assertTrue(e.getMessage().contains("GET /tile/" + id + "/0/0/1?x=0&y=0&w=70&h=50"), e.getMessage());
        }
    }

    @Test
    void theRenderedImageIsReadOnlyWhenAskedForAndLabelledLossy() throws Exception {
        long id = start();
        try (Repository repo = open("rendered")) {
            short[] plane = (short[]) NdImages.toArray(repo.rawData().plane(id, 1, 2, 1));
            for (int y = 0; y < Y; y++) {
                for (int x = 0; x < X; x++) {
                    assertEquals(OmeroWebDouble.rendered(value(x, y, 2, 1, 1), "uint16"), plane[y * X + x], "x" + x + " y" + y);
                }
            }
            assertEquals(Optional.of("rendered-8bit-lossy"), repo.rawData().pixelSource());
        }
        assertEquals(List.of("/webgateway/render_image/" + id + "/2/1/?c=2&m=g&format=png"), web.requestLog("/webgateway/render_image/"));
        RepositoryException e = assertThrows(RepositoryException.class, () -> open("jpeg").close());
        assertEquals("omero:" + web.uri() + ": omero.ilastik.pixelSource=jpeg is none of auto, pixel-buffer, zarr, ome-tiff, rendered",
                e.getMessage());
    }

    @Test
    void zarrReadsCorrectlyThroughDroppedConnectionsAndAnExpiredSession() throws Exception {
        long id = start();
        try (Repository repo = open("zarr")) {
            web.dropConnections(0.10);
            checkBoxes(repo, id, "zarr with 10 % dropped connections");
            web.dropConnections(0);
            int logins = web.logins();
            web.expireSessionsAfter(1);
            checkBoxes(repo, id, "zarr after the session expired");
            assertEquals(logins + 1, web.logins(), "one new login");
        }
    }

    @Test
    void aOnePlaneBoxOverThirtyPlanesFetchesOnlyThatPlanesChunksOrTiles() throws Exception {
        start();
        long stack = web.image(lab, "thirty", null, 64, 48, 30, 1, 1, "uint16", null);
        ByteBuffer b = ByteBuffer.allocate(64 * 48 * 30 * 2);
        for (int i = 0; i < 64 * 48 * 30; i++) {
            b.putShort((short) (i % 60000));
        }
        web.pixels(stack, b.array());
        for (String source : List.of("zarr", "pixel-buffer")) {
            try (Repository repo = open(source)) {
                assertEquals("zyx[30, 48, 64] uint16", repo.rawData().pixels(stack).toString().replaceAll(" \\{.*", ""));
                web.clearRequestLog();
                short[] plane = (short[]) NdImages.toArray(repo.rawData().read(stack, new long[] {17, 0, 0}, new long[] {1, 48, 64}));
                assertEquals((17 * 64 * 48 + 5 * 64 + 7) % 60000, plane[5 * 64 + 7] & 0xFFFF);
                if (source.equals("zarr")) {
                    List<String> chunks = web.requestLog("/zarr/").stream().filter(p -> !p.contains("/.z")).toList();
                    assertEquals(List.of("/zarr/v0.4/image/" + stack + ".zarr/0/17/0/0"), chunks);
                } else {
                    assertEquals(List.of("/tile/" + stack + "/17/0/0?x=0&y=0&w=64&h=48"), web.requestLog("/tile/"));
                }
            }
        }
    }
}
