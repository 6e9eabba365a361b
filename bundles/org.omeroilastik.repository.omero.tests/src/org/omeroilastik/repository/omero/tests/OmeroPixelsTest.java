package org.omeroilastik.repository.omero.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.omeroilastik.image.io.NdImages;
import org.omeroilastik.model.repository.Image;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.repository.RepositoryException;
import org.omeroilastik.repository.omero.OmeroCredentials;
import org.omeroilastik.testing.Services;
import org.omeroilastik.testing.omero.OmeroWebDouble;
import org.osgi.framework.ServiceRegistration;

/** Raw pixels through omero-ms-pixel-buffer tiles of the double: every axis order and box, big-endian samples. */
class OmeroPixelsTest {
    private static final int X = 70, Y = 50, Z = 3, C = 2, T = 2;

    private OmeroWebDouble web;
    private ServiceRegistration<OmeroCredentials> credentials;

    /** The value at a position spells the position: t, c, z in the thousands, hundreds and tens; y, x below. */
    private static int value(int x, int y, int z, int c, int t) {
        return t * 30000 + c * 10000 + z * 1000 + (y * X + x) % 1000;
    }

    private long start() throws Exception {
        web = new OmeroWebDouble(null);
        long lab = web.group("Lab");
        web.user("ann", "pw", lab);
        long dataset = web.dataset(lab, "D", web.project(lab, "P"));
        long id = web.image(lab, "stack", dataset, X, Y, Z, C, T, "uint16", null);
        ByteBuffer b = ByteBuffer.allocate(X * Y * Z * C * T * 2); // big-endian by default
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

    @AfterEach
    void stop() {
        if (credentials != null) {
            credentials.unregister();
        }
        if (web != null) {
            web.close();
        }
    }

    @Test
    void readsBoxesPlanesAndTilesInOurAxisOrder() throws Exception {
        long id = start();
        try (Repository repo = Services.get(Repositories.class).open("omero:" + web.uri(), false)) {
            Image image = repo.browse().image(id);
            assertEquals("tzyxc[2, 3, 50, 70, 2] uint16", image.pixels().toString().replaceAll(" \\{.*", ""));
            // A box in descriptor order t, z, y, x, c: t=1, z=1..2, y=10..13, x=60..69, both channels.
            long[] offset = {1, 1, 10, 60, 0};
            long[] count = {1, 2, 4, 10, 2};
            short[] box = (short[]) NdImages.toArray(repo.rawData().read(id, offset, count));
            int i = 0;
            for (int z = 1; z < 3; z++) {
                for (int y = 10; y < 14; y++) {
                    for (int x = 60; x < 70; x++) {
                        for (int c = 0; c < 2; c++) {
                            assertEquals(value(x, y, z, c, 1), box[i++] & 0xFFFF, "t1 z" + z + " y" + y + " x" + x + " c" + c);
                        }
                    }
                }
            }
            java.awt.image.BufferedImage thumb = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(repo.browse().thumbnail(id, 35)));
            assertEquals(35, thumb.getWidth(), "render_thumbnail: the longer side (x, 70) at the size asked for");
            assertEquals(25, thumb.getHeight());
            short[] plane = (short[]) NdImages.toArray(repo.rawData().plane(id, 0, 2, 1));
            assertEquals(X * Y, plane.length);
            assertEquals(value(33, 44, 2, 1, 0), plane[44 * X + 33] & 0xFFFF);
            // Through 10 % dropped connections, the same values.
            web.dropConnections(0.10);
            short[] again = (short[]) NdImages.toArray(repo.rawData().read(id, offset, count));
            assertEquals(java.util.Arrays.toString(box), java.util.Arrays.toString(again));
        }
    }

    @Test
    void aWrongPixelTypeOrAMissingImageIsNamed() throws Exception {
        long id = start();
        web.servePixelsWithSampleSize(id, 1);
        try (Repository repo = Services.get(Repositories.class).open("omero:" + web.uri(), false)) {
            RepositoryException e = assertThrows(RepositoryException.class, () -> repo.rawData().plane(id, 0, 0, 0));
            assertTrue(e.getMessage().endsWith("GET /tile/" + id + "/0/0/0?x=0&y=0&w=70&h=50: 3500 bytes, expected 7000 for 70x50 uint16 (wrong pixel type?)"),
                    e.getMessage());
            e = assertThrows(RepositoryException.class, () -> repo.rawData().plane(id + 1000, 0, 0, 0));
            assertTrue(e.getMessage().contains("Image " + (id + 1000) + " not found (HTTP 404)"), e.getMessage());
        }
    }
}
