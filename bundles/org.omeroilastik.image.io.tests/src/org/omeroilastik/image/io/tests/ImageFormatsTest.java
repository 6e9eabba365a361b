package org.omeroilastik.image.io.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.image.io.ImageIoException;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.NdImage;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.testing.Conformance;
import org.omeroilastik.testing.Python;
import org.omeroilastik.testing.Services;

/** The corpus inputs read with the shapes, types and values independent readers (numpy, h5py, PIL) see. */
class ImageFormatsTest {

    private final ImageFormats formats = Services.get(ImageFormats.class);

    @TempDir
    Path dir;

    /**
     * The region reader of a run (one open file, a chunk cache across reads) gives exactly what a full
     * read (h5py-written, chunked, gzip) gives for each of many overlapping boxes, read twice over;
     * after it is closed, it reads nothing.
     */
    @Test
    void hdf5RegionReaderGivesTheRegionsOfAFullRead() throws Exception {
        Path file = dir.resolve("chunked.h5");
        Python.run("""
                import sys, numpy as np, h5py
                rng = np.random.default_rng(5)
                with h5py.File(sys.argv[1], 'w') as f:
                    f.create_dataset('data', data=rng.integers(0, 60000, (9, 21, 17, 2), dtype=np.uint16),
                                     chunks=(4, 8, 8, 2), compression='gzip')
                """, file.toString());
        ImageSource source = ImageSource.parse(file + "/data").withAxes(AxisOrder.of("zyxc"));
        var hdf5 = formats.byId("hdf5").orElseThrow();
        NdImage whole = hdf5.read(source);
        try (var reader = hdf5.regionReader(source)) {
            for (int pass = 0; pass < 2; pass++) {
                for (int z = 0; z < 9; z += 3) {
                    for (int y = 0; y < 21; y += 5) {
                        long[] offset = {z, y, 2 * pass, 0};
                        long[] count = {Math.min(5, 9 - z), Math.min(9, 21 - y), 15 - 2 * pass, 2};
                        NdImage region = reader.read(offset, count);
                        NdImage crop = org.omeroilastik.image.io.NdImages.crop(whole, offset, count);
                        assertEquals(crop.descriptor(), region.descriptor());
                        assertArrayEquals((short[]) org.omeroilastik.image.io.NdImages.toArray(crop),
                                (short[]) org.omeroilastik.image.io.NdImages.toArray(region), java.util.Arrays.toString(offset));
                    }
                }
            }
            reader.close();
            assertThrows(ImageIoException.class, () -> reader.read(new long[] {0, 0, 0, 0}, new long[] {1, 1, 1, 2}));
        }
    }

    @Test
    void everyFormatIsRegisteredThroughDeclarativeServices() {
        assertEquals(List.of("hdf5", "npy", "png", "tiff"),
                formats.all().stream().map(f -> f.id()).sorted().toList());
        assertEquals("tiff", formats.forFile(Path.of("a/B.TIF")).orElseThrow().id());
        assertEquals("hdf5", formats.forFile(Path.of("x.h5")).orElseThrow().id());
    }

    private static final String SUMMARY = """
            import sys, json, numpy as np
            path, key = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None
            if path.endswith('.npy'):
                a = np.load(path)
            elif path.endswith('.h5'):
                import h5py
                a = h5py.File(path, 'r')[key][()]
            else:
                from PIL import Image
                a = np.array(Image.open(path))
            print(json.dumps({'shape': list(a.shape), 'dtype': str(a.dtype), 'sum': float(a.astype(np.float64).sum()),
                              'first': float(a.flat[0]), 'last': float(a.flat[-1])}))
            """;

    private void assertMatchesIndependentReader(String relative, String dataset, String expectedAxes) throws Exception {
        Path file = Conformance.file(relative);
        ImageSource source = dataset == null ? ImageSource.of(file) : ImageSource.parse(file + "/" + dataset);
        NdImage image = formats.read(source);
        // describe() reads headers only; it must agree with what a full read finds.
        assertEquals(image.descriptor(), formats.forFile(file).orElseThrow().describe(source), relative);
        String json = dataset == null ? Python.run(SUMMARY, file.toString()) : Python.run(SUMMARY, file.toString(), dataset);
        assertEquals(expectedAxes, image.descriptor().axes().keys(), relative);
        assertTrue(json.contains("\"shape\": " + java.util.Arrays.toString(image.descriptor().shape())), json);
        assertTrue(json.contains("\"dtype\": \"" + image.descriptor().pixelType().numpyName() + "\""), json);
        double[] stats = Stats.of(image.pixels());
        assertTrue(json.contains(String.format(Locale.ROOT, "\"sum\": %s", pythonFloat(stats[0]))), json + " vs sum " + stats[0]);
        assertTrue(json.contains(String.format(Locale.ROOT, "\"first\": %s", pythonFloat(stats[1]))), json);
        assertTrue(json.contains(String.format(Locale.ROOT, "\"last\": %s", pythonFloat(stats[2]))), json);
    }

    private static String pythonFloat(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e16 ? String.format(Locale.ROOT, "%.1f", v) : Double.toString(v);
    }

    @Test
    void readsCorpusPngs() throws Exception {
        assertMatchesIndependentReader("pixel/api-2d-1ch/Data_1channel.png", null, "yx");
        assertMatchesIndependentReader("pixel/api-2d-3ch/Data_3channel.png", null, "yxc");
    }

    @Test
    void readsCorpusNpy() throws Exception {
        NdImage img = formats.read(ImageSource.of(Conformance.file("pixel/api-3d/Data_3D.npy")).withAxes(AxisOrder.of("zyxc")));
        assertEquals("zyxc", img.descriptor().axes().keys());
        assertMatchesIndependentReader("pixel/api-2d-1ch/res-Data_1channel_pc1xyc.npy", null, "yxc");
    }

    @Test
    void readsCorpusHdf5WithAxistags() throws Exception {
        assertMatchesIndependentReader("pixel/apoptotic-2d/2d_cells_apoptotic_1channel.h5", "data", "tzyxc");
        assertMatchesIndependentReader("tracking/mitocheck-small/mitocheck_small_2D+t.h5", "exported_data", "txyzc");
    }

    @Test
    void readsCorpusTiffs() throws Exception {
        assertMatchesIndependentReader("pixel/apoptotic-2d/2d_cells_apoptotic.tif", null, "yx");
        // ilastik's LZW float32 probability TIFF holds the same values as the .npy beside it (cases.json).
        NdImage tif = formats.read(ImageSource.of(Conformance.file("pixel/apoptotic-2d/2d_cells_apoptotic_1channel-data_Probabilities.tif")));
        NdImage npy = formats.read(ImageSource.of(Conformance.file("pixel/apoptotic-2d/expected-probabilities-yxc.npy")));
        assertEquals(npy.descriptor(), tif.descriptor());
        assertEquals(tif.descriptor(), formats.byId("tiff").orElseThrow()
                .describe(ImageSource.of(Conformance.file("pixel/apoptotic-2d/2d_cells_apoptotic_1channel-data_Probabilities.tif"))));
        assertArrayEquals(Stats.floats(npy.pixels()), Stats.floats(tif.pixels()));
    }

    @Test
    void namesTheFileInEveryReadError() throws Exception {
        Path bogus = dir.resolve("bogus.png");
        Files.writeString(bogus, "nope");
        ImageIoException e = assertThrows(ImageIoException.class, () -> formats.read(ImageSource.of(bogus)));
        assertTrue(e.getMessage().contains("bogus.png"), e.getMessage());
        Path npy = dir.resolve("short.npy");
        Files.write(npy, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        e = assertThrows(ImageIoException.class, () -> formats.read(ImageSource.of(npy)));
        assertTrue(e.getMessage().contains("short.npy"), e.getMessage());
        Path h5 = Conformance.file("projects/2d.h5");
        e = assertThrows(ImageIoException.class, () -> formats.read(ImageSource.parse(h5 + "/nothing")));
        assertTrue(e.getMessage().contains("2d.h5") && e.getMessage().contains("nothing"), e.getMessage());
        e = assertThrows(ImageIoException.class, () -> formats.read(ImageSource.of(dir.resolve("image.xyz"))));
        assertTrue(e.getMessage().contains("image.xyz") && e.getMessage().contains("unsupported"), e.getMessage());
    }
}
