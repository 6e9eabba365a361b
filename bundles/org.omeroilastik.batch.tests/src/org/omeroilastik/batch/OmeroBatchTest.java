package org.omeroilastik.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.NdImages;
import org.omeroilastik.repository.omero.OmeroCredentials;
import org.omeroilastik.testing.Services;
import org.omeroilastik.testing.omero.OmeroWebDouble;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The seed's z-stack batch on the OMERO.web double: every image gets its ROIs, table, probability map (an
 * attached HDF5 file, since OMERO.web cannot create images) and provenance, the .ilp goes on the
 * dataset once, a rerun duplicates nothing, and dropped connections plus an expired session change
 * nothing. The same images batched in a local repository are the reference.
 */
class OmeroBatchTest {
    private static final int IMAGES = 3;
    /** Credentials unlike anything else a run prints or writes, so the scan at the end cannot miss them. */
    private static final String USER = "user-" + java.util.UUID.randomUUID();
    private static final String PASSWORD = "pass-" + java.util.UUID.randomUUID();

    @TempDir
    Path dir;

    private OmeroWebDouble web;
    private ServiceRegistration<OmeroCredentials> credentials;

    @AfterEach
    void stop() {
        if (credentials != null) {
            credentials.unregister();
        }
        if (web != null) {
            web.close();
        }
    }

    /** What the double holds, per object: ROIs, files by name, map annotations by namespace. */
    private String outputs(List<Long> images, long dataset) {
        Map<String, Object> all = new TreeMap<>();
        for (long id : images) {
            all.put("image-" + id + " rois", web.roiCount(id));
            all.put("image-" + id + " files", web.annotationsOf("image-" + id).stream().filter(a -> a.kind().equals("file"))
                    .map(a -> a.fileName()).sorted().toList());
            all.put("image-" + id + " maps", web.annotationsOf("image-" + id).stream().filter(a -> a.kind().equals("map"))
                    .map(a -> a.ns()).sorted().toList());
        }
        all.put("dataset files", web.annotationsOf("dataset-" + dataset).stream().map(a -> a.kind() + ":" + a.fileName() + ":" + a.ns())
                .sorted().toList());
        return all.toString();
    }

    @Test
    void batchWritesBackOnceAndSurvivesDropsAndExpiry() throws Exception {
        assertEquals(0, CliRunner.run("demo", "--dir", dir.resolve("demo").toString(), "--images", Integer.toString(IMAGES), "--size", "96")
                .exitCode());
        String project = dir.resolve("demo/demo.ilp").toString();
        // The reference: the same images in a local repository.
        String local = "local:" + dir.resolve("repo");
        List<String> importArgs = new ArrayList<>(List.of("import", "--source", local, "--new-project", "P", "--new-dataset", "D"));
        for (int i = 0; i < IMAGES; i++) {
            importArgs.add(dir.resolve("demo/stacks/stack_0" + i + ".h5") + "/data");
        }
        assertEquals(0, CliRunner.run(importArgs.toArray(String[]::new)).exitCode());
        assertEquals(0, CliRunner.run("batch", "--source", local, "--dataset", "2", "--project", project, "--min-size", "20").exitCode());
        JsonArray localImages = JsonParser.parseString(CliRunner.run("browse", "--source", local, "--json").out()).getAsJsonArray().get(0)
                .getAsJsonObject().getAsJsonArray("children").get(0).getAsJsonObject().getAsJsonArray("children");

        web = new OmeroWebDouble(null);
        long lab = web.group("Lab");
        web.user(USER, PASSWORD, lab);
        long dataset = web.dataset(lab, "Cells", web.project(lab, "Demo"));
        ImageFormats formats = Services.get(ImageFormats.class);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < IMAGES; i++) {
            // The demo's z-stacks (zyx uint8): for one channel and time point, zyx is OMERO's XYZCT plane order.
            var stack = formats.read(ImageSource.parse(dir.resolve("demo/stacks/stack_0" + i + ".h5") + "/data"));
            long[] shape = stack.descriptor().shape();
            assertEquals("zyx", stack.descriptor().axes().keys());
            long id = web.image(lab, "stack_0" + i, dataset, (int) shape[2], (int) shape[1], (int) shape[0], 1, 1, "uint8", null);
            web.pixels(id, (byte[]) NdImages.toArray(stack));
            ids.add(id);
        }
        int port = web.uri().getPort();
        OmeroCredentials c = s -> s.getPort() == port ? Optional.of(new OmeroCredentials.Login(USER, PASSWORD.toCharArray(), Optional.empty()))
                : Optional.empty();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("service.ranking", 100);
        credentials = FrameworkUtil.getBundle(getClass()).getBundleContext().registerService(OmeroCredentials.class, c, props);

        String omero = "omero:" + web.uri();
        String journal = dir.resolve("omero.journal").toString();
        CliRunner r = CliRunner.run("batch", "--source", omero, "--dataset", Long.toString(dataset), "--project", project, "--min-size", "20",
                "--journal", journal);
        assertEquals(0, r.exitCode(), r.err() + r.out());
        assertTrue(r.out().contains("Summary: 3 done, 0 skipped (already done), 0 failed"), r.out());
        for (int i = 0; i < IMAGES; i++) {
            long id = ids.get(i);
            JsonObject counts = localImages.get(i).getAsJsonObject().getAsJsonObject("counts");
            assertEquals(counts.get("rois").getAsInt(), web.roiCount(id), "the same ROIs as in the local repository");
            var files = web.annotationsOf("image-" + id).stream().filter(a -> a.kind().equals("file")).toList();
            assertEquals(List.of("demo.ilp_table.csv", "stack_0" + i + "_Probabilities.h5", "stack_0" + i + "_Simple_Segmentation.h5"),
                    files.stream().map(a -> a.fileName()).sorted().toList());
            var provenance = web.annotationsOf("image-" + id).stream().filter(a -> "omero-ilastik:demo.ilp/provenance".equals(a.ns())).toList();
            assertEquals(1, provenance.size());
            assertTrue(provenance.get(0).values().toString().contains("omero-ilastik.project.sha256"), provenance.get(0).values().toString());
            assertTrue(provenance.get(0).values().toString().contains("[\"omero-ilastik.pixels\",\"raw:omero-ms-pixel-buffer\"]"),
                    provenance.get(0).values().toString());
            // The attached probability map is what the local repository holds as a derived image, bit for bit.
            Path attached = dir.resolve("attached-" + i + ".h5");
            Files.write(attached, files.stream().filter(a -> a.fileName().endsWith("_Probabilities.h5")).findFirst().orElseThrow().content());
            Path localMap = localDerived(i == 0 ? 3 : i == 1 ? 4 : 5, "probabilities");
            assertArrayEquals((float[]) NdImages.toArray(formats.read(ImageSource.of(localMap))),
                    (float[]) NdImages.toArray(formats.read(ImageSource.of(attached))));
        }
        String first = outputs(ids, dataset);
        assertTrue(first.contains("dataset files=[file:demo.ilp:null, map:null:omero-ilastik.registry:demo.ilp/project]"), first);

        CliRunner again = CliRunner.run("batch", "--source", omero, "--dataset", Long.toString(dataset), "--project", project, "--min-size", "20",
                "--journal", journal);
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(first, outputs(ids, dataset), "a rerun replaces, never duplicates");

        web.dropConnections(0.10);
        web.expireSessionsAfter(25);
        CliRunner faulty = CliRunner.run("batch", "--source", omero, "--dataset", Long.toString(dataset), "--project", project, "--min-size",
                "20", "--journal", journal);
        assertEquals(0, faulty.exitCode(), faulty.err());
        assertEquals(first, outputs(ids, dataset), "dropped connections and an expired session change nothing");
        assertTrue(web.logins() >= 4, "logged in again after the session expired: " + web.logins());

        // A bad answer for one image's pixels: that image fails, naming the request; the others are done.
        web.dropConnections(0);
        long broken = ids.get(1);
        web.serveHtmlFor(path -> path.startsWith("/tile/" + broken + "/"));
        CliRunner partial = CliRunner.run("batch", "--source", omero, "--dataset", Long.toString(dataset), "--project", project,
                "--min-size", "20", "--journal", journal);
        assertEquals(1, partial.exitCode(), partial.out());
        assertTrue(partial.out().contains("Summary: 2 done, 0 skipped (already done), 1 failed"), partial.out());
        assertTrue(partial.err().contains("image " + broken + ": ") && partial.err().contains("/tile/" + broken + "/")
                && partial.err().contains("text/html"), partial.err());
        assertEquals(first, outputs(ids, dataset), "the failed image keeps its earlier outputs whole");

        // Credentials never reach what the runs printed, the journal, or any file they wrote.
        String printed = r.out() + r.err() + again.out() + again.err() + faulty.out() + faulty.err() + partial.out() + partial.err();
        for (String secret : List.of(USER, PASSWORD)) {
            assertTrue(!printed.contains(secret), "a credential in the command's output");
            for (Path root : List.of(dir, Path.of(System.getProperty("user.home"), ".omero-ilastik"))) {
                if (Files.isDirectory(root)) {
                    try (var files = Files.walk(root)) {
                        for (Path f : files.filter(Files::isRegularFile).toList()) {
                            assertTrue(!new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1).contains(secret),
                                    "a credential in " + f);
                        }
                    }
                }
            }
            for (var a : web.annotationsOf("dataset-" + dataset)) {
                assertTrue(a.content() == null || !new String(a.content(), java.nio.charset.StandardCharsets.ISO_8859_1).contains(secret));
                assertTrue(a.values() == null || !a.values().toString().contains(secret));
            }
            for (long id : ids) {
                for (var a : web.annotationsOf("image-" + id)) {
                    assertTrue(a.values() == null || !a.values().toString().contains(secret), "a credential in provenance");
                }
            }
        }
    }

    private Path localDerived(long imageId, String suffix) throws Exception {
        try (var images = Files.list(dir.resolve("repo/images"))) {
            for (Path folder : images.toList()) {
                Path record = folder.resolve("image.json");
                if (Files.isRegularFile(record)) {
                    JsonObject o = JsonParser.parseString(Files.readString(record)).getAsJsonObject();
                    if (o.has("derivedFrom") && o.get("derivedFrom").getAsLong() == imageId && o.get("key").getAsString().endsWith(suffix)) {
                        return folder.resolve(o.get("file").getAsString());
                    }
                }
            }
        }
        throw new AssertionError("no image derived from " + imageId);
    }
}
