package org.omeroilastik.zarr.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omeroilastik.image.io.ImageFormat;
import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.NdImage;
import org.omeroilastik.image.io.NdImages;
import org.omeroilastik.model.Axis;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.PhysicalSize;
import org.omeroilastik.model.PixelType;
import org.omeroilastik.testing.Python;
import org.omeroilastik.testing.Services;
import org.omeroilastik.zarr.OmeZarr;
import org.omeroilastik.zarr.ZarrStore;

/**
 * An OME-NGFF 0.4 image written by zarr-python (two levels, t c z y x with units, omero channel
 * metadata, a bioformats2raw wrapper) read through the ome-zarr image format and the OmeZarr API.
 */
class OmeZarrReadTest {
    static final long[] SHAPE = {2, 3, 4, 70, 90};

    private static final String GENERATE = Formula.PYTHON + """
            import os, sys
            import zarr, numcodecs
            out = sys.argv[1]
            def image(path):
                g = zarr.open_group(path, mode='w')
                data = values('<u2', (2, 3, 4, 70, 90))
                g.create_dataset('0', data=data, chunks=(1, 1, 1, 32, 32), compressor=numcodecs.Blosc('lz4', 5, 1), dimension_separator='/')
                g.create_dataset('1', data=data[:, :, :, ::2, ::2], chunks=(1, 1, 1, 32, 32), compressor=numcodecs.Zstd(3),
                                 dimension_separator='/')
                space = lambda n: {'name': n, 'type': 'space', 'unit': 'micrometer'}
                g.attrs['multiscales'] = [{'version': '0.4', 'name': 'reference',
                    'axes': [{'name': 't', 'type': 'time', 'unit': 'second'}, {'name': 'c', 'type': 'channel'}, space('z'), space('y'), space('x')],
                    'datasets': [{'path': '0', 'coordinateTransformations': [{'type': 'scale', 'scale': [2.5, 1.0, 0.5, 0.25, 0.25]}]},
                                 {'path': '1', 'coordinateTransformations': [{'type': 'scale', 'scale': [2.5, 1.0, 0.5, 0.5, 0.5]},
                                                                             {'type': 'translation', 'translation': [0, 0, 0, 0.125, 0.125]}]}]}]
                g.attrs['omero'] = {'channels': [{'label': 'a', 'color': 'FF0000', 'window': {'start': 0, 'end': 100, 'min': 0, 'max': 65535}}] * 3}
            image(os.path.join(out, 'ref.ome.zarr'))
            root = zarr.open_group(os.path.join(out, 'b2r.zarr'), mode='w')
            root.attrs['bioformats2raw.layout'] = 3
            image(os.path.join(out, 'b2r.zarr', '0'))
            print('ok')
            """;

    @TempDir
    static Path dir;

    private final ImageFormats formats = Services.get(ImageFormats.class);

    @BeforeAll
    static void generate() throws Exception {
        String out = Python.run(GENERATE, dir.toString());
        assertEquals("ok", out.strip(), "zarr-python needs /usr/bin/python3 with python3-zarr and python3-numcodecs: " + out);
    }

    @Test
    void describesLevelZeroInTheFilesAxisOrderWithPhysicalSizes() throws Exception {
        ImageFormat format = formats.forFile(dir.resolve("ref.ome.zarr")).orElseThrow();
        assertEquals("ome-zarr", format.id());
        assertTrue(format.readsRegionsEfficiently());
        ImageDescriptor d = format.describe(ImageSource.of(dir.resolve("ref.ome.zarr")));
        String um = "\u00b5m";
        assertEquals(new ImageDescriptor(AxisOrder.of("tczyx"), SHAPE, PixelType.UINT16, Map.of(Axis.T, new PhysicalSize(2.5, "s"), Axis.Z,
                new PhysicalSize(0.5, um), Axis.Y, new PhysicalSize(0.25, um), Axis.X, new PhysicalSize(0.25, um))), d);
    }

    @Test
    void readsTheWholeImageAndRegions() throws Exception {
        ImageSource source = ImageSource.of(dir.resolve("ref.ome.zarr"));
        NdImage all = formats.read(source);
        checkValues(NdImages.toArray(all), new long[5], SHAPE);
        ImageFormat format = formats.byId("ome-zarr").orElseThrow();
        long[] offset = {1, 2, 1, 30, 40};
        long[] count = {1, 1, 2, 35, 45};
        NdImage region = format.readRegion(source, offset, count);
        assertArrayEquals(count, region.descriptor().shape());
        assertEquals(AxisOrder.of("tczyx"), region.descriptor().axes());
        checkValues(NdImages.toArray(region), offset, count);
    }

    @Test
    void listsLevelsWithScales() throws Exception {
        OmeZarr image = OmeZarr.open(ZarrStore.directory(dir.resolve("ref.ome.zarr")));
        assertEquals("0.4", image.version());
        assertEquals("reference", image.name());
        List<OmeZarr.Level> levels = image.levels();
        assertEquals(List.of("0", "1"), levels.stream().map(OmeZarr.Level::path).toList());
        assertArrayEquals(new double[] {2.5, 1.0, 0.5, 0.5, 0.5}, levels.get(1).scale());
        assertArrayEquals(new double[] {0, 0, 0, 0.125, 0.125}, levels.get(1).translation());
        assertArrayEquals(new long[] {2, 3, 4, 35, 45}, image.descriptor(1).shape());
        assertEquals(Optional.of(new PhysicalSize(0.5, "\u00b5m")), image.descriptor(1).physicalSize(Axis.X));
        assertEquals("micrometer", image.axes().get(4).unit());
    }

    @Test
    void opensTheFirstSeriesOfABioformats2rawLayout() throws Exception {
        ImageDescriptor d = formats.byId("ome-zarr").orElseThrow().describe(ImageSource.of(dir.resolve("b2r.zarr")));
        assertArrayEquals(SHAPE, d.shape());
        ImageSource series = new ImageSource(dir.resolve("b2r.zarr"), Optional.of("0"), Optional.empty());
        checkValues(NdImages.toArray(formats.read(series)), new long[5], SHAPE);
    }

    @Test
    void aRegionReadFetchesOnlyTheChunksItMeets() throws Exception {
        CountingStore store = new CountingStore(ZarrStore.directory(dir.resolve("ref.ome.zarr")));
        OmeZarr image = OmeZarr.open(store);
        // Chunks are 1 x 1 x 1 x 32 x 32: a box inside one chunk reads one chunk key.
        long[] offset = {1, 2, 3, 33, 65};
        long[] count = {1, 1, 1, 20, 25};
        checkValues(image.array(0).read(offset, count), offset, count);
        assertEquals(List.of("0/1/2/3/1/2"), store.chunkGets());
        store.gets.clear();
        // Across two z planes and a 2 x 2 block of tiles: 8 chunks out of the level's 2*3*4*3*3 = 216.
        offset = new long[] {0, 1, 1, 20, 20};
        count = new long[] {1, 1, 2, 20, 20};
        checkValues(image.array(0).read(offset, count), offset, count);
        assertEquals(List.of("0/0/1/1/0/0", "0/0/1/1/0/1", "0/0/1/1/1/0", "0/0/1/1/1/1", "0/0/1/2/0/0", "0/0/1/2/0/1", "0/0/1/2/1/0",
                "0/0/1/2/1/1"), store.chunkGets());
    }

    @Test
    void aReadOnlyStoreOverAFetchFunctionReadsTheSameAndRefusesWrites() throws Exception {
        ZarrStore folder = ZarrStore.directory(dir.resolve("ref.ome.zarr"));
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        ZarrStore remote = ZarrStore.readOnly("http://host/ref.ome.zarr/", key -> {
            asked.add(key);
            return folder.get(key);
        });
        OmeZarr image = OmeZarr.open(remote);
        assertArrayEquals(SHAPE, image.descriptor().shape());
        long[] offset = {1, 2, 3, 33, 65};
        long[] count = {1, 1, 1, 20, 25};
        checkValues(image.array(0).read(offset, count), offset, count);
        assertEquals(List.of(".zattrs", "0/.zarray", "0/1/2/3/1/2"), asked);
        // A key the fetch function has nothing for is a missing chunk: the fill value.
        ZarrStore holes = ZarrStore.readOnly("http://host/holes.zarr/", key -> key.endsWith("/1/2") ? Optional.empty() : folder.get(key));
        Object box = OmeZarr.open(holes).array(0).read(offset, count);
        assertEquals(0, ((short[]) box)[0]);
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> remote.put("0/0/0/0/0/0", new byte[1]));
        assertEquals("http://host/ref.ome.zarr/: read-only store, cannot write key 0/0/0/0/0/0", e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> remote.list(""));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> remote.get("0/../../etc"));
    }

    static void checkValues(Object box, long[] offset, long[] count) {
        int n = java.lang.reflect.Array.getLength(box);
        for (int i = 0; i < n; i++) {
            long[] p = Formula.position(i, count);
            for (int d = 0; d < p.length; d++) {
                p[d] += offset[d];
            }
            double expected = Formula.value("u2", Formula.linear(p, SHAPE));
            double actual = Formula.get(box, i, true);
            if (expected != actual) {
                Formula.fail("ref.ome.zarr", p, expected, actual);
            }
        }
    }
}
