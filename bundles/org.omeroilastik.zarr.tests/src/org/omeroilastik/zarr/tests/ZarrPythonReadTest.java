package org.omeroilastik.zarr.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.omeroilastik.testing.Python;
import org.omeroilastik.zarr.ZarrArray;
import org.omeroilastik.zarr.ZarrStore;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * zarr-python (Debian's python3-zarr with numcodecs) writes arrays with every compressor we read (none,
 * gzip, zlib, zstd, Blosc with blosclz/lz4/lz4hc/zlib/zstd and shuffle none/byte/bit, Blosc plain copy),
 * forced Blosc block sizes (several blocks per chunk, split and unsplit streams), dtypes u1/u2/i2/f4/f8 in
 * both byte orders, both dimension separators, edge chunks, deleted chunks and fill values 0, 7, NaN and
 * null, and chunks large enough for several Blosc blocks; we must read exactly the formula's values.
 */
class ZarrPythonReadTest {

    private static final String GENERATE = Formula.PYTHON + """
            import json, os, sys
            import zarr, numcodecs
            out = sys.argv[1]
            compressors = [('none', None), ('gzip', numcodecs.GZip(5)), ('zlib', numcodecs.Zlib(5)), ('zstd', numcodecs.Zstd(3))]
            for cname in ['blosclz', 'lz4', 'lz4hc', 'zlib', 'zstd']:
                for shuffle in [0, 1, 2]:
                    compressors.append(('blosc-%s-%d' % (cname, shuffle), None))
            compressors.append(('blosc-lz4-memcpy', None))
            dtypes = ['|u1', '<u2', '>u2', '<i2', '>i2', '<f4', '>f4', '<f8', '>f8']
            shape, chunks = (3, 37, 45), (2, 16, 20)
            cases = []
            n = 0
            for ci, (cname, comp) in enumerate(compressors):
                for di, dtype in enumerate(dtypes):
                    blocksize = [0, 256, 1024][n % 3]
                    if cname.startswith('blosc-'):
                        parts = cname.split('-')
                        if parts[2] == 'memcpy':
                            comp = numcodecs.Blosc('lz4', 0, 1, blocksize=blocksize)
                        else:
                            comp = numcodecs.Blosc(parts[1], 5, int(parts[2]), blocksize=blocksize)
                    sep = '/' if (ci + di) % 2 else '.'
                    floating = dtype[1] == 'f'
                    fill = [None, 0, 7][n % 3] if not floating else [None, 0.0, 'NaN'][n % 3]
                    name = 'a%03d-%s-%s' % (n, cname, dtype[1:] + ('be' if dtype[0] == '>' else 'le'))
                    path = os.path.join(out, name)
                    z = zarr.open_array(path, mode='w', shape=shape, chunks=chunks, dtype=dtype, compressor=comp,
                                        fill_value=(float('nan') if fill == 'NaN' else fill), dimension_separator=sep,
                                        write_empty_chunks=True)
                    z[...] = values(dtype, shape)
                    missing = [(1, 2, 2), (0, 1, 0)]
                    for m in missing:
                        os.remove(os.path.join(path, sep.join(str(i) for i in m)))
                    cases.append({'name': name, 'dtype': dtype, 'fill': fill, 'missing': missing, 'shape': shape, 'chunks': chunks,
                                  'compressor': z.compressor.get_config() if z.compressor is not None else None, 'separator': sep})
                    n += 1
            # Chunks of 180 and 720 KB: Blosc's own block size gives several blocks per chunk, split where the codec splits.
            big, bigchunks = (2, 300, 301), (1, 300, 301)
            for cname in ['blosclz', 'lz4', 'lz4hc', 'zlib', 'zstd']:
                for shuffle in [0, 1, 2]:
                    for dtype in ['<u2', '>f8']:
                        name = 'b%03d-blosc-%s-%d-%s' % (n, cname, shuffle, dtype[1:])
                        z = zarr.open_array(os.path.join(out, name), mode='w', shape=big, chunks=bigchunks, dtype=dtype,
                                            compressor=numcodecs.Blosc(cname, 5, shuffle), fill_value=0, write_empty_chunks=True)
                        z[...] = values(dtype, big)
                        cases.append({'name': name, 'dtype': dtype, 'fill': 0, 'missing': [], 'shape': big, 'chunks': bigchunks,
                                      'compressor': z.compressor.get_config(), 'separator': '.'})
                        n += 1
            json.dump(cases, open(os.path.join(out, 'cases.json'), 'w'), indent=1)
            print(len(cases))
            """;

    @TempDir
    static Path dir;
    static List<JsonObject> cases = new ArrayList<>();

    @BeforeAll
    static void generate() throws Exception {
        String out = Python.run(GENERATE, dir.toString());
        assertEquals("210", out.strip(), "zarr-python needs /usr/bin/python3 with python3-zarr and python3-numcodecs: " + out);
        for (JsonElement e : JsonParser.parseString(Files.readString(dir.resolve("cases.json"))).getAsJsonArray()) {
            cases.add(e.getAsJsonObject());
        }
    }

    @Test
    void coversEveryCompressorShuffleAndSeparator() {
        Set<String> seen = new HashSet<>();
        for (JsonObject c : cases) {
            JsonElement comp = c.get("compressor");
            String id = comp.isJsonNull() ? "none" : comp.getAsJsonObject().get("id").getAsString();
            if (id.equals("blosc")) {
                JsonObject b = comp.getAsJsonObject();
                id += "-" + b.get("cname").getAsString() + "-" + b.get("shuffle").getAsInt() + "-" + (b.get("clevel").getAsInt() == 0 ? "copy" : "");
            }
            seen.add(id + "/" + c.get("separator").getAsString());
        }
        assertTrue(seen.size() >= 30, "compressor/separator combinations: " + seen);
    }

    @TestFactory
    Stream<DynamicTest> readsWhatZarrPythonWrote() {
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("name").getAsString(), () -> check(c)));
    }

    private static void check(JsonObject c) throws Exception {
        ZarrArray array = ZarrArray.open(ZarrStore.directory(dir), c.get("name").getAsString());
        String dtype = c.get("dtype").getAsString();
        assertEquals(dtype, array.metadata().dataType().dtype());
        String kind = dtype.substring(1);
        boolean unsigned = kind.startsWith("u");
        JsonElement f = c.get("fill");
        double fill = f.isJsonNull() ? 0 : f.getAsJsonPrimitive().isString() ? Double.NaN : f.getAsDouble();
        Set<String> missing = new HashSet<>();
        for (JsonElement m : c.get("missing").getAsJsonArray()) {
            missing.add(m.toString().replace(" ", ""));
        }
        // The whole array, then a box across chunk borders that includes a missing chunk and the edge.
        long[] shape = new long[3];
        int[] chunks = new int[3];
        for (int d = 0; d < 3; d++) {
            shape[d] = c.get("shape").getAsJsonArray().get(d).getAsLong();
            chunks[d] = c.get("chunks").getAsJsonArray().get(d).getAsInt();
        }
        assertEquals(java.util.Arrays.toString(shape), java.util.Arrays.toString(array.shape()));
        String name = c.get("name").getAsString();
        check(array.read(), new long[3], shape, shape, chunks, kind, unsigned, fill, missing, name);
        long[] offset = {1, 5, 7};
        long[] count = {1, 30, 38};
        check(array.read(offset, count), offset, count, shape, chunks, kind, unsigned, fill, missing, name + " box");
    }

    private static void check(Object box, long[] offset, long[] count, long[] shape, int[] chunks, String kind, boolean unsigned, double fill,
            Set<String> missing, String what) {
        int n = (int) (count[0] * count[1] * count[2]);
        assertEquals(n, java.lang.reflect.Array.getLength(box));
        for (int i = 0; i < n; i++) {
            long[] p = Formula.position(i, count);
            for (int d = 0; d < 3; d++) {
                p[d] += offset[d];
            }
            String chunk = "[" + p[0] / chunks[0] + "," + p[1] / chunks[1] + "," + p[2] / chunks[2] + "]";
            double expected = missing.contains(chunk) ? fill : Formula.value(kind, Formula.linear(p, shape));
            double actual = Formula.get(box, i, unsigned);
            if (!Formula.same(expected, actual)) {
                Formula.fail(what, p, expected, actual);
            }
        }
    }
}
