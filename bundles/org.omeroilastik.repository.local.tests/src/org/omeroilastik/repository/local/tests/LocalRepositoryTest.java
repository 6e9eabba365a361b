package org.omeroilastik.repository.local.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.NdImage;
import org.omeroilastik.image.io.NdImages;
import org.omeroilastik.model.repository.Dataset;
import org.omeroilastik.model.repository.Image;
import org.omeroilastik.model.repository.Project;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.repository.RepositoryException;
import org.omeroilastik.testing.Conformance;
import org.omeroilastik.testing.Services;

class LocalRepositoryTest {

    @TempDir
    Path dir;

    private Repository open(boolean create) throws RepositoryException {
        return Services.get(Repositories.class).open("local:" + dir.resolve("repo"), create);
    }

    @Test
    void importsBrowsesAndReadsBackWithStableIds() throws Exception {
        long imageId;
        try (Repository repo = open(true)) {
            Project p = repo.dataManager().createProject("Cells", "");
            Dataset d = repo.dataManager().createDataset("Batch", "", Optional.of(p.id()));
            Image img = repo.dataManager().importImage(d.id(), ImageSource.of(Conformance.file("pixel/api-2d-3ch/Data_3channel.png")), "rgb");
            imageId = img.id();
            assertEquals("yxc", img.pixels().axes().keys());
        }
        try (Repository repo = open(false)) {
            assertEquals(List.of("Cells"), repo.browse().projects().stream().map(Project::name).toList());
            long datasetId = repo.browse().datasets(repo.browse().projects().get(0).id()).get(0).id();
            assertEquals(List.of(imageId), repo.browse().images(datasetId).stream().map(Image::id).toList());
            assertEquals(List.of(), repo.browse().orphanedImages());
            // A tile read through RawData equals the same box of the original file.
            NdImage tile = repo.rawData().read(imageId, new long[] {10, 20, 0}, new long[] {16, 8, 3});
            NdImage original = Services.get(ImageFormats.class).read(ImageSource.of(Conformance.file("pixel/api-2d-3ch/Data_3channel.png")));
            assertArrayEquals((byte[]) NdImages.toArray(NdImages.crop(original, new long[] {10, 20, 0}, new long[] {16, 8, 3})),
                    (byte[]) NdImages.toArray(tile));
        }
    }

    @Test
    void concurrentImportsAreAllLinkedWithDistinctIds() throws Exception {
        long datasetId;
        try (Repository repo = open(true)) {
            datasetId = repo.dataManager().createDataset("Many", "", Optional.empty()).id();
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Long>> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(pool.submit(() -> {
                try (Repository repo = open(false)) {
                    return repo.dataManager().importImage(datasetId, ImageSource.of(Conformance.file("pixel/api-2d-1ch/Data_1channel.png")), "x").id();
                }
            }));
        }
        List<Long> got = new ArrayList<>();
        for (Future<Long> f : ids) {
            got.add(f.get());
        }
        pool.shutdown();
        assertEquals(8, got.stream().distinct().count());
        try (Repository repo = open(false)) {
            assertEquals(8, repo.browse().images(datasetId).size());
            assertEquals(List.of(datasetId), repo.browse().orphanedDatasets().stream().map(Dataset::id).toList());
        }
    }

    @Test
    void refusesMissingAndForeignFoldersAndBadImports() throws Exception {
        RepositoryException missing = assertThrows(RepositoryException.class, () -> open(false));
        assertTrue(missing.getMessage().contains("no local repository"), missing.getMessage());
        Files.createDirectories(dir.resolve("repo"));
        Files.writeString(dir.resolve("repo/notes.txt"), "mine");
        RepositoryException foreign = assertThrows(RepositoryException.class, () -> open(true));
        assertTrue(foreign.getMessage().contains("not empty"), foreign.getMessage());
        Files.delete(dir.resolve("repo/notes.txt"));
        try (Repository repo = open(true)) {
            long d = repo.dataManager().createDataset("D", "", Optional.empty()).id();
            Path bogus = dir.resolve("bogus.png");
            Files.writeString(bogus, "not a png");
            RepositoryException bad = assertThrows(RepositoryException.class, () -> repo.dataManager().importImage(d, ImageSource.of(bogus), "b"));
            assertTrue(bad.getMessage().contains("bogus.png"), bad.getMessage());
            // Nothing half-imported is visible.
            assertEquals(0, repo.browse().images(d).size());
            assertEquals(List.of(), repo.browse().orphanedImages());
        }
    }

    @Test
    void screensPlatesAndWellFields() throws Exception {
        ImageSource png = ImageSource.of(Conformance.file("pixel/api-2d-1ch/Data_1channel.png"));
        long plateId;
        try (Repository repo = open(true)) {
            var screen = repo.dataManager().createScreen("S", "");
            var plate = repo.dataManager().createPlate(screen.id(), "P", 2, 3);
            plateId = plate.id();
            Image a = repo.dataManager().importField(plateId, 1, 2, png, "B03 field 1");
            Image b = repo.dataManager().importField(plateId, 1, 2, png, "B03 field 2");
            Image c = repo.dataManager().importField(plateId, 0, 0, png, "A01 field 1");
            RepositoryException outside = assertThrows(RepositoryException.class,
                    () -> repo.dataManager().importField(plate.id(), 2, 0, png, "x"));
            assertTrue(outside.getMessage().contains("plate " + plate.id() + " has 2x3 wells, no well at row 2, column 0"), outside.getMessage());
            assertThrows(RepositoryException.class, () -> repo.dataManager().createPlate(screen.id(), "empty", 0, 3));
            assertThrows(RepositoryException.class, () -> repo.dataManager().createPlate(999, "nowhere", 1, 1));

            var wells = repo.browse().wells(plateId);
            assertEquals(2, wells.size(), "one well per position, fields appended");
            assertEquals("B03", wells.get(0).name(), "row 1, column 2, 0-based");
            assertEquals(java.util.List.of(a.id(), b.id()), wells.get(0).fieldImageIds());
            assertEquals(java.util.List.of(c.id()), wells.get(1).fieldImageIds());
            assertEquals(java.util.List.of(plate), repo.browse().plates(screen.id()));
            assertTrue(repo.browse().orphanedImages().isEmpty(), "well fields are not orphans");
        }
        try (Repository repo = open(false)) {
            assertEquals(2, repo.browse().wells(plateId).size(), "persisted");
        }
    }

    /** Planes and tiles in OMERO's terms (t, z, c, x, y), whatever the stored axis order. */
    @Test
    void readsPlanesAndTiles() throws Exception {
        // Each value spells its own position: t*1e6 + z*1e4 + c*1e3 + y*30 + x.
        int nt = 2, nz = 3, ny = 20, nx = 30, nc = 2;
        float[] v = new float[nt * nz * ny * nx * nc];
        int i = 0;
        for (int t = 0; t < nt; t++) {
            for (int z = 0; z < nz; z++) {
                for (int y = 0; y < ny; y++) {
                    for (int x = 0; x < nx; x++) {
                        for (int c = 0; c < nc; c++) {
                            v[i++] = t * 1e6f + z * 1e4f + c * 1e3f + y * 30 + x;
                        }
                    }
                }
            }
        }
        Path file = dir.resolve("tzyxc.h5");
        var d = new org.omeroilastik.model.ImageDescriptor(org.omeroilastik.model.AxisOrder.of("tzyxc"), new long[] {nt, nz, ny, nx, nc},
                org.omeroilastik.model.PixelType.FLOAT32);
        Services.get(ImageFormats.class).byId("hdf5").orElseThrow().write(NdImages.wrap(d, v),
                org.omeroilastik.image.io.ImageTarget.of(file));
        try (Repository repo = open(true)) {
            long dataset = repo.dataManager().createDataset("D", "", Optional.empty()).id();
            long id = repo.dataManager().importImage(dataset, ImageSource.of(file), "stack").id();
            float[] plane = (float[]) NdImages.toArray(repo.rawData().plane(id, 1, 2, 1));
            assertEquals(ny * nx, plane.length);
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    assertEquals(1e6f + 2e4f + 1e3f + y * 30 + x, plane[y * nx + x]);
                }
            }
            float[] tile = (float[]) NdImages.toArray(repo.rawData().tile(id, 0, 1, 0, 5, 7, 4, 3));
            assertEquals(12, tile.length);
            assertEquals(1e4f + 7 * 30 + 5, tile[0]);
            assertEquals(1e4f + 9 * 30 + 8, tile[11]);
            // The thumbnail: middle z (1 of 3), t 0, channel 0, stretched min..max, longer side 15 of 30.
            java.awt.image.BufferedImage thumb = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(repo.browse().thumbnail(id, 15)));
            assertEquals(15, thumb.getWidth());
            assertEquals(10, thumb.getHeight());
            assertEquals(0, thumb.getRaster().getSample(0, 0, 0), "the plane's minimum, 1e4 at y 0, x 0");
            // Pixel (14, 9) samples x 28, y 18: 1e4 + 18 * 30 + 28 in the plane's range 1e4..1e4 + 599.
            assertEquals(Math.round((18 * 30 + 28) * 255.0 / 599), thumb.getRaster().getSample(14, 9, 0));
            // The folder keeps no channel metadata: numbered channels in OMERO's default colours, the float range 0..1.
            var channels = repo.browse().channels(id);
            assertEquals(List.of("Channel 1", "Channel 2"), channels.stream().map(c -> c.label()).toList());
            assertEquals(List.of("FF0000", "00FF00"), channels.stream().map(c -> c.colour()).toList());
            assertEquals(1.0, channels.get(0).windowEnd());
            RepositoryException e = assertThrows(RepositoryException.class, () -> repo.rawData().tile(id, 0, 3, 0, 0, 0, 4, 4));
            assertEquals("image " + id + ": z 3 lies outside its 3", e.getMessage());
            e = assertThrows(RepositoryException.class, () -> repo.rawData().tile(id, 0, 0, 0, 28, 0, 4, 4));
            assertEquals("image " + id + ": x 28+4 lies outside its 30", e.getMessage());
        }
    }
}
