package org.omeroilastik.repository.local.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omeroilastik.image.io.ImageFormat;
import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.ImageTarget;
import org.omeroilastik.image.io.NdImage;
import org.omeroilastik.image.io.NdImages;
import org.omeroilastik.model.Axis;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.PhysicalSize;
import org.omeroilastik.model.PixelType;
import org.omeroilastik.model.repository.Image;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.repository.RepositoryException;
import org.omeroilastik.testing.Python;
import org.omeroilastik.testing.Services;

/**
 * Images imported from OME-TIFF are kept as that file ({@code pixels.ome.tif}) and read through it;
 * everything else is still converted to ilastik HDF5. The source is written by tifffile in an order
 * our writer never uses (XYZTC), and every pixel encodes its (t, z, c, y, x).
 */
class OmeTiffImportTest {
    private static final int T = 2, Z = 3, C = 2, Y = 5, X = 7;
    private static final String TIFFFILE_WRITER = """
            import sys, numpy as np, tifffile
            T, Z, C, Y, X = 2, 3, 2, 5, 7
            t, z, c, y, x = np.meshgrid(range(T), range(Z), range(C), range(Y), range(X), indexing='ij')
            a = (t * 10000 + z * 1000 + c * 100 + y * 10 + x).astype(np.uint16)
            tifffile.imwrite(sys.argv[1], np.transpose(a, (2, 0, 1, 3, 4)), ome=True, photometric='minisblack',
                             metadata={'axes': 'CTZYX', 'PhysicalSizeX': 0.325, 'PhysicalSizeY': 0.325, 'PhysicalSizeZ': 1.5})
            """;

    private final ImageFormats formats = Services.get(ImageFormats.class);

    @TempDir
    Path dir;

    private Repository open(boolean create) throws RepositoryException {
        return Services.get(Repositories.class).open("local:" + dir.resolve("repo"), create);
    }

    private static int value(int t, int z, int c, int y, int x) {
        return t * 10000 + z * 1000 + c * 100 + y * 10 + x;
    }

    private Path omeTiff(String name) throws Exception {
        Path file = dir.resolve(name);
        Python.run(TIFFFILE_WRITER, file.toString());
        return file;
    }

    @Test
    void keepsTheOmeTiffAndReadsPlanesThroughIt() throws Exception {
        Path source = omeTiff("cells.ome.tif");
        ImageDescriptor expected = new ImageDescriptor(AxisOrder.of("tzyxc"), new long[] {T, Z, Y, X, C}, PixelType.UINT16,
                Map.of(Axis.X, new PhysicalSize(0.325, "\u00b5m"), Axis.Y, new PhysicalSize(0.325, "\u00b5m"), Axis.Z,
                        new PhysicalSize(1.5, "\u00b5m")));
        assertEquals(expected, formats.byId("tiff").orElseThrow().describe(ImageSource.of(source)));
        long imageId;
        try (Repository repo = open(true)) {
            long dataset = repo.dataManager().createDataset("D", "", Optional.empty()).id();
            Image image = repo.dataManager().importImage(dataset, ImageSource.of(source), "cells");
            imageId = image.id();
            assertEquals(expected, image.pixels());
        }
        Path folder = dir.resolve("repo/images/" + imageId);
        assertEquals(-1, Files.mismatch(source, folder.resolve("pixels.ome.tif")), "kept byte for byte");
        assertFalse(Files.exists(folder.resolve("pixels.h5")));
        String record = Files.readString(folder.resolve("image.json"));
        assertTrue(record.contains("\"file\": \"pixels.ome.tif\"") && !record.contains("\"dataset\""), record);
        try (Repository repo = open(false)) {
            assertEquals(expected, repo.rawData().pixels(imageId), "physical sizes persist in image.json");
            ImageSource local = repo.rawData().localSource(imageId).orElseThrow();
            assertEquals(folder.resolve("pixels.ome.tif"), local.file());
            assertEquals(Optional.empty(), local.internalPath());
            for (int t = 0; t < T; t++) {
                for (int z = 0; z < Z; z++) {
                    NdImage plane = repo.rawData().read(imageId, new long[] {t, z, 0, 0, 0}, new long[] {1, 1, Y, X, C});
                    short[] p = (short[]) NdImages.toArray(plane);
                    for (int y = 0; y < Y; y++) {
                        for (int x = 0; x < X; x++) {
                            for (int c = 0; c < C; c++) {
                                assertEquals(value(t, z, c, y, x), p[(y * X + x) * C + c] & 0xFFFF, "t=" + t + " z=" + z + " c=" + c);
                            }
                        }
                    }
                }
            }
            // A tile of one channel equals the same box of the source file.
            long[] offset = {1, 1, 2, 3, 1};
            long[] count = {1, 2, 3, 4, 1};
            NdImage tile = repo.rawData().read(imageId, offset, count);
            NdImage original = formats.read(ImageSource.of(source));
            assertArrayEquals((short[]) NdImages.toArray(NdImages.crop(original, offset, count)), (short[]) NdImages.toArray(tile));
        }
    }

    @Test
    void wellFieldsFromOmeTiffAreKeptToo() throws Exception {
        Path source = omeTiff("field.ome.tiff");
        try (Repository repo = open(true)) {
            var plate = repo.dataManager().createPlate(repo.dataManager().createScreen("S", "").id(), "P", 1, 1);
            Image field = repo.dataManager().importField(plate.id(), 0, 0, ImageSource.of(source), "A01");
            assertTrue(Files.isRegularFile(dir.resolve("repo/images/" + field.id() + "/pixels.ome.tif")));
            NdImage plane = repo.rawData().read(field.id(), new long[] {1, 2, 0, 0, 0}, new long[] {1, 1, Y, X, C});
            assertEquals(value(1, 2, 1, 4, 6), ((short[]) NdImages.toArray(plane))[Y * X * C - 1] & 0xFFFF);
        }
    }

    @Test
    void otherTiffsAreConvertedToHdf5AndBrokenOmeTiffsRefused() throws Exception {
        ImageFormat tiff = formats.byId("tiff").orElseThrow();
        ImageDescriptor d = new ImageDescriptor(AxisOrder.of("zyx"), new long[] {3, 5, 7}, PixelType.UINT8);
        byte[] pixels = new byte[3 * 5 * 7];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) i;
        }
        Path plain = dir.resolve("plain.tif");
        tiff.write(NdImages.wrap(d, pixels), ImageTarget.of(plain));
        // Named like an OME-TIFF but holding an ImageJ description: not OME, so converted.
        Path misnamed = dir.resolve("misnamed.ome.tif");
        Files.copy(plain, misnamed);
        Path broken = dir.resolve("broken.ome.tif");
        Python.run("""
                import sys, numpy as np, tifffile
                tifffile.imwrite(sys.argv[1], np.zeros((5, 7), np.uint8), metadata=None, description='<OME xmlns="http://www.openmicroscopy.org/Schemas/OME/2016-06"><Image')
                """, broken.toString());
        try (Repository repo = open(true)) {
            long dataset = repo.dataManager().createDataset("D", "", Optional.empty()).id();
            for (Path file : List.of(plain, misnamed)) {
                Image image = repo.dataManager().importImage(dataset, ImageSource.of(file), file.getFileName().toString());
                Path folder = dir.resolve("repo/images/" + image.id());
                assertTrue(Files.isRegularFile(folder.resolve("pixels.h5")), file.toString());
                assertFalse(Files.exists(folder.resolve("pixels.ome.tif")), file.toString());
                assertEquals(d, image.pixels());
                NdImage z2 = repo.rawData().read(image.id(), new long[] {2, 0, 0}, new long[] {1, 5, 7});
                assertEquals((byte) (2 * 35 + 34), ((byte[]) NdImages.toArray(z2))[34]);
            }
            RepositoryException e = assertThrows(RepositoryException.class,
                    () -> repo.dataManager().importImage(dataset, ImageSource.of(broken), "broken"));
            assertTrue(e.getMessage().contains("broken.ome.tif") && e.getMessage().contains("malformed OME-XML"), e.getMessage());
            assertEquals(2, repo.browse().images(dataset).size(), "nothing of the broken file is visible");
        }
    }
}
