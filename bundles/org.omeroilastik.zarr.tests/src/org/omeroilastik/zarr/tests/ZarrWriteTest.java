package org.omeroilastik.zarr.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omeroilastik.image.io.ImageFormat;
import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.image.io.ImageIoException;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.ImageTarget;
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
import org.omeroilastik.zarr.ZarrArray;
import org.omeroilastik.zarr.ZarrArrayMetadata;
import org.omeroilastik.zarr.ZarrCompressor;
import org.omeroilastik.zarr.ZarrDataType;
import org.omeroilastik.zarr.ZarrStore;

/** What we write, zarr-python reads with the same values, and the NGFF metadata is as 0.4 asks. */
class ZarrWriteTest {
    private final ImageFormats formats = Services.get(ImageFormats.class);

    @TempDir
    Path dir;

    /** Every pixel type in several axis orders, through the image format; zarr-python checks values and metadata. */
    @Test
    void zarrPythonReadsOurOmeZarrImages() throws Exception {
        ImageFormat format = formats.byId("ome-zarr").orElseThrow();
        record Case(String name, PixelType type, String axes, long[] shape) {
        }
        List<Case> cases = new ArrayList<>();
        String[] orders = {"yx", "zyxc", "tzyxc", "cyx", "xyzct"};
        long[][] shapes = {{600, 1030}, {3, 40, 33, 2}, {2, 3, 20, 25, 3}, {4, 30, 20}, {21, 19, 2, 3, 2}};
        for (PixelType type : PixelType.values()) {
            if (type == PixelType.BOOL) {
                continue;
            }
            for (int i = 0; i < orders.length; i++) {
                if (type != PixelType.UINT16 && i == 0) {
                    continue; // the large tiled case once
                }
                cases.add(new Case(type.numpyName() + "-" + orders[i], type, orders[i], shapes[i]));
            }
        }
        StringBuilder manifest = new StringBuilder("[");
        for (Case c : cases) {
            AxisOrder axes = AxisOrder.of(c.axes());
            Map<Axis, PhysicalSize> sizes = new EnumMap<>(Axis.class);
            if (axes.has(Axis.X)) {
                sizes.put(Axis.X, new PhysicalSize(0.25, "\u00b5m"));
            }
            if (axes.has(Axis.Z)) {
                sizes.put(Axis.Z, new PhysicalSize(2.0, "nm"));
            }
            if (axes.has(Axis.T)) {
                sizes.put(Axis.T, new PhysicalSize(1.5, "s"));
            }
            ImageDescriptor d = new ImageDescriptor(axes, c.shape(), c.type(), sizes);
            Path target = dir.resolve(c.name() + ".ome.zarr");
            assertTrue(format.canWrite(c.type(), axes));
            format.write(NdImages.wrap(d, Formula.array(c.type(), (int) d.elementCount())), ImageTarget.of(target));
            // Read back by us: NGFF order, same values per axis, same physical sizes.
            NdImage back = format.read(ImageSource.of(target));
            assertEquals(OmeZarr.ngffOrder(axes), back.descriptor().axes());
            assertEquals(sizes, back.descriptor().physicalSizes());
            manifest.append(manifest.length() > 1 ? "," : "").append("[\"").append(target).append("\",\"").append(c.axes()).append("\",\"")
                    .append(Formula.kind(c.type())).append("\",").append(java.util.Arrays.toString(c.shape())).append("]");
        }
        manifest.append("]");
        Path list = dir.resolve("cases.json");
        Files.writeString(list, manifest);
        String out = Python.run(Formula.PYTHON + """
                import json, sys
                import zarr
                bad = []
                for path, axes, kind, shape in json.load(open(sys.argv[1])):
                    attrs = json.load(open(path + '/.zattrs'))
                    assert json.load(open(path + '/.zgroup')) == {'zarr_format': 2}, path
                    ms = attrs['multiscales']
                    assert len(ms) == 1 and ms[0]['version'] == '0.4', (path, ms)
                    target = [a for a in 'tczyx' if a in axes]
                    names = [a['name'] for a in ms[0]['axes']]
                    types = [a['type'] for a in ms[0]['axes']]
                    assert names == target, (path, names)
                    assert types == [{'t': 'time', 'c': 'channel'}.get(a, 'space') for a in target], (path, types)
                    units = {a['name']: a.get('unit') for a in ms[0]['axes']}
                    assert units.get('x') == 'micrometer' and units.get('y') is None, (path, units)
                    assert units.get('z', 'nanometer') == 'nanometer' and units.get('t', 'second') == 'second', (path, units)
                    ds = ms[0]['datasets']
                    assert [d['path'] for d in ds] == ['0'], (path, ds)
                    scale = ds[0]['coordinateTransformations'][0]
                    assert scale['type'] == 'scale' and len(scale['scale']) == len(target), (path, scale)
                    want = {'x': 0.25, 'z': 2.0, 't': 1.5}
                    assert scale['scale'] == [want.get(a, 1.0) for a in target], (path, scale)
                    z = zarr.open(path + '/0', mode='r')
                    meta = json.load(open(path + '/0/.zarray'))
                    assert meta['dimension_separator'] == '/' and meta['compressor']['id'] == 'blosc' and meta['compressor']['cname'] == 'lz4', meta
                    src = values('<' + kind if kind[1] != '1' else '|' + kind, tuple(shape))
                    expected = src.transpose([axes.index(a) for a in target])
                    if z.shape != expected.shape or z.dtype.kind + str(z.dtype.itemsize) != kind or not (z[...] == expected).all():
                        bad.append(path)
                    grp = zarr.open_group(path, mode='r')
                    assert list(grp.array_keys()) == ['0'], path
                print('bad', bad, 'checked', len(json.load(open(sys.argv[1]))))
                """, list.toString());
        assertEquals("bad [] checked " + cases.size(), out.strip());
    }

    /** The array API with every compressor we write, partial (read-modify-write) boxes included; zarr-python reads it. */
    @Test
    void zarrPythonReadsEveryCompressorWeWrite() throws Exception {
        List<ZarrCompressor> compressors = new ArrayList<>(List.of(ZarrCompressor.NONE, ZarrCompressor.gzip(6), ZarrCompressor.zlib(1),
                ZarrCompressor.zstd(3), ZarrCompressor.blosc("lz4", 0, 1)));
        for (String cname : List.of("lz4", "lz4hc", "zlib", "zstd")) {
            for (int shuffle = 0; shuffle <= 2; shuffle++) {
                compressors.add(ZarrCompressor.blosc(cname, 5, shuffle));
            }
        }
        List<ZarrDataType> types = List.of(ZarrDataType.parse("|u1"), ZarrDataType.parse(">u2"), ZarrDataType.parse("<i2"),
                ZarrDataType.parse("<f4"), ZarrDataType.parse(">f8"), ZarrDataType.parse("<i8"));
        long[] shape = {5, 130, 301};
        int[] chunks = {2, 64, 300};
        StringBuilder manifest = new StringBuilder("[");
        int n = 0;
        for (ZarrCompressor c : compressors) {
            for (ZarrDataType t : types) {
                String name = "c" + n++ + "-" + c.id() + c.cname() + c.shuffle() + "-" + t.dtype().substring(1);
                ZarrStore store = ZarrStore.directory(dir.resolve(name));
                String sep = n % 2 == 0 ? "." : "/";
                ZarrArray array = ZarrArray.create(store, "", new ZarrArrayMetadata(shape, chunks, t, 0, c, sep));
                Object all = Formula.array(t.pixelType(), 5 * 130 * 301);
                // Two overlapping boxes: the second updates chunks the first wrote in part.
                long[] first = {0, 0, 0};
                long[] firstCount = {5, 100, 301};
                array.write(first, firstCount, crop(all, shape, first, firstCount, t.pixelType()));
                long[] second = {0, 70, 0};
                long[] secondCount = {5, 60, 301};
                array.write(second, secondCount, crop(all, shape, second, secondCount, t.pixelType()));
                Object back = ZarrArray.open(store, "").read();
                for (int i = 0; i < 5 * 130 * 301; i++) {
                    if (Formula.get(back, i, true) != Formula.get(all, i, true) && !Double.isNaN(Formula.get(all, i, true))) {
                        Formula.fail(name, Formula.position(i, shape), Formula.get(all, i, true), Formula.get(back, i, true));
                    }
                }
                manifest.append(manifest.length() > 1 ? "," : "").append("[\"").append(dir.resolve(name)).append("\",\"").append(t.dtype())
                        .append("\"]");
            }
        }
        manifest.append("]");
        Path list = dir.resolve("arrays.json");
        Files.writeString(list, manifest);
        String out = Python.run(Formula.PYTHON + """
                import json, sys
                import zarr
                bad = []
                cases = json.load(open(sys.argv[1]))
                for path, dtype in cases:
                    z = zarr.open(path, mode='r')
                    if z.dtype.str != dtype or not (z[...] == values(dtype, (5, 130, 301))).all():
                        bad.append(path)
                print('bad', bad, 'checked', len(cases))
                """, list.toString());
        assertEquals("bad [] checked " + compressors.size() * types.size(), out.strip());
    }

    @Test
    void refusesImagesNgffCannotHoldAndFoldersThatAreNotZarr() throws Exception {
        ImageFormat format = formats.byId("ome-zarr").orElseThrow();
        assertFalse(format.canWrite(PixelType.UINT8, AxisOrder.of("tc")));
        assertFalse(format.canWrite(PixelType.UINT8, AxisOrder.of("xc")));
        assertTrue(format.canWrite(PixelType.FLOAT32, AxisOrder.of("zyx")));
        Path other = dir.resolve("notes.zarr");
        Files.createDirectories(other);
        Files.writeString(other.resolve("keep.txt"), "mine");
        NdImage image = NdImages.wrap(new ImageDescriptor(AxisOrder.of("yx"), new long[] {4, 5}, PixelType.UINT8), new byte[20]);
        ImageIoException e = assertThrows(ImageIoException.class, () -> format.write(image, ImageTarget.of(other)));
        assertTrue(e.getMessage().contains("not a Zarr hierarchy"), e.getMessage());
        assertTrue(Files.exists(other.resolve("keep.txt")));
        // An existing OME-Zarr is replaced whole.
        Path target = dir.resolve("img.ome.zarr");
        format.write(NdImages.wrap(new ImageDescriptor(AxisOrder.of("zyx"), new long[] {2, 4, 5}, PixelType.UINT8), new byte[40]), ImageTarget.of(target));
        assertTrue(Files.isDirectory(target.resolve("0/1")));
        format.write(image, ImageTarget.of(target));
        assertFalse(Files.exists(target.resolve("0/1")));
        assertArrayEquals(new long[] {4, 5}, format.describe(ImageSource.of(target)).shape());
        try (var s = Files.list(dir)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith(".")).toList(), "staging folders left behind");
        }
    }

    @Test
    void chunksArePlanesOfUpTo512SquareWithAllChannels() {
        assertArrayEquals(new int[] {1, 3, 1, 512, 512}, OmeZarr.chunks(AxisOrder.of("tczyx"), new long[] {5, 3, 10, 2000, 3000}, PixelType.UINT16));
        assertArrayEquals(new int[] {100, 70}, OmeZarr.chunks(AxisOrder.of("yx"), new long[] {100, 70}, PixelType.UINT8));
        // 400 float64 channels of 512 x 512 would be 800 MiB: channels are cut to keep chunks at 32 MiB.
        assertArrayEquals(new int[] {16, 512, 512}, OmeZarr.chunks(AxisOrder.of("cyx"), new long[] {400, 1024, 1024}, PixelType.FLOAT64));
    }

    private static Object crop(Object all, long[] shape, long[] offset, long[] count, PixelType type) {
        ImageDescriptor d = new ImageDescriptor(AxisOrder.of("zyx"), shape, type);
        return NdImages.toArray(NdImages.crop(NdImages.wrap(d, all), offset, count));
    }
}
