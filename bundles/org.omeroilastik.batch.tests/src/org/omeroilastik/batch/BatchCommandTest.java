package org.omeroilastik.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.ImageTarget;
import org.omeroilastik.image.io.NdImage;
import org.omeroilastik.image.io.NdImages;
import org.omeroilastik.model.Axis;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.PhysicalSize;
import org.omeroilastik.model.repository.Image;
import org.omeroilastik.model.results.MaskShape;
import org.omeroilastik.model.results.Roi;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.testing.Services;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** {@code batch} on the local repository: write-back, idempotent reruns, resume from the journal. */
class BatchCommandTest {

    @TempDir
    Path dir;

    private String source;

    private void setUp() {
        assertEquals(0, CliRunner.run("demo", "--dir", dir.resolve("demo").toString(), "--images", "3", "--size", "96").exitCode());
        source = "local:" + dir.resolve("repo");
        CliRunner imp = CliRunner.run("import", "--source", source, "--new-project", "P", "--new-dataset", "D",
                dir.resolve("demo/images/cells_00.h5") + "/data", dir.resolve("demo/images/cells_01.h5") + "/data",
                dir.resolve("demo/images/cells_02.h5") + "/data");
        assertEquals(0, imp.exitCode(), imp.err());
    }

    private JsonObject dataset() {
        CliRunner b = CliRunner.run("browse", "--source", source, "--json");
        JsonArray roots = JsonParser.parseString(b.out()).getAsJsonArray();
        return roots.get(0).getAsJsonObject().getAsJsonArray("children").get(0).getAsJsonObject();
    }

    @Test
    void writesBackAndRerunsWithoutDuplicates() {
        setUp();
        String project = dir.resolve("demo/demo.ilp").toString();
        CliRunner r = CliRunner.run("batch", "--source", source, "--dataset", "2", "--project", project, "--min-size", "20");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Summary: 3 done, 0 skipped (already done), 0 failed"), r.out());
        JsonObject first = dataset();
        assertEquals(3, first.getAsJsonArray("children").size(), "derived images are not dataset children");
        assertEquals(1, first.getAsJsonObject("counts").get("attachments").getAsInt(), "the .ilp attached once");
        JsonObject image = first.getAsJsonArray("children").get(0).getAsJsonObject().getAsJsonObject("counts");
        assertTrue(image.get("rois").getAsInt() > 0);
        assertEquals(1, image.get("tables").getAsInt());
        assertEquals(2, image.get("derived").getAsInt());
        assertEquals(1, image.get("annotations").getAsInt());

        CliRunner again = CliRunner.run("batch", "--source", source, "--dataset", "2", "--project", project, "--min-size", "20");
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(first.toString(), dataset().toString(), "a rerun changes no count");

        CliRunner clean = CliRunner.run("clean", "--source", source, "--project", project, "--dataset", "2");
        assertEquals(0, clean.exitCode(), clean.err());
        assertTrue(clean.out().contains("Removed 16 output(s)"), clean.out());
        JsonObject cleaned = dataset();
        assertEquals(0, cleaned.getAsJsonObject("counts").get("attachments").getAsInt());
        for (var child : cleaned.getAsJsonArray("children")) {
            assertEquals("{\"rois\":0,\"tables\":0,\"attachments\":0,\"derived\":0,\"annotations\":0}",
                    child.getAsJsonObject().getAsJsonObject("counts").toString());
        }
    }

    @Test
    void resumeSkipsJournalledImages() throws Exception {
        setUp();
        String project = dir.resolve("demo/demo.ilp").toString();
        Path journal = dir.resolve("job.journal");
        // As if a crashed run had finished image 3 and was killed while writing the next line.
        Files.writeString(journal, "{\"image\":3,\"state\":\"done\"}\n{\"image\":4,\"sta");
        CliRunner r = CliRunner.run("batch", "--source", source, "--dataset", "2", "--project", project, "--journal", journal.toString(),
                "--resume", "--write-back", "rois,table");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("image 3 already done (journal), skipped"), r.out());
        assertTrue(r.out().contains("Summary: 2 done, 1 skipped (already done), 0 failed"), r.out());
        assertEquals(3, Files.readAllLines(journal).stream().filter(l -> l.contains("\"done\"")).count());
        JsonObject d = dataset();
        assertEquals(0, d.getAsJsonArray("children").get(0).getAsJsonObject().getAsJsonObject("counts").get("rois").getAsInt(),
                "image 3 was not processed again");
        assertTrue(d.getAsJsonArray("children").get(1).getAsJsonObject().getAsJsonObject("counts").get("rois").getAsInt() > 0);
    }

    @Test
    void dryRunAndBadClass() {
        setUp();
        String project = dir.resolve("demo/demo.ilp").toString();
        CliRunner dry = CliRunner.run("batch", "--source", source, "--dataset", "2", "--project", project, "--dry-run");
        assertEquals(0, dry.exitCode(), dry.err());
        assertTrue(dry.out().contains("Would process 3 image(s)") && dry.out().contains("read image 3"), dry.out());
        assertEquals(0, dataset().getAsJsonObject("counts").get("attachments").getAsInt(), "a dry run writes nothing");
        CliRunner bad = CliRunner.run("batch", "--source", source, "--dataset", "2", "--project", project, "--roi-class", "Nuclei",
                "--write-back", "rois");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("'Nuclei' is not a label of demo.ilp"), bad.err());
    }

    @Test
    void runsAndCleansAJobFile() throws Exception {
        setUp();
        // As the workbench saves it: the project beside the job, by a relative path.
        Path job = dir.resolve("demo/cells.job.json");
        Files.writeString(job, """
                {"format": "omero-ilastik-job", "version": 1, "project": "demo.ilp", "source": "%s",
                 "images": [3, 5], "roiClass": "Cells", "minSize": 20, "writeBack": ["rois", "table"]}
                """.formatted(source));
        CliRunner r = CliRunner.run("batch", "--job", job.toString(), "--journal", dir.resolve("j.journal").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Summary: 2 done, 0 skipped (already done), 0 failed"), r.out());
        JsonArray images = dataset().getAsJsonArray("children");
        JsonObject third = images.get(2).getAsJsonObject().getAsJsonObject("counts");
        assertTrue(third.get("rois").getAsInt() > 0);
        assertEquals(1, third.get("tables").getAsInt());
        assertEquals(0, third.get("derived").getAsInt(), "only rois and table were asked for");
        assertEquals(0, images.get(1).getAsJsonObject().getAsJsonObject("counts").get("rois").getAsInt(), "image 4 not in the job");

        CliRunner clean = CliRunner.run("clean", "--job", job.toString());
        assertEquals(0, clean.exitCode(), clean.err());
        assertTrue(clean.out().contains("Removed 4 output(s) keyed demo.ilp/* from 2 image(s)"), clean.out());
        assertEquals(0, dataset().getAsJsonArray("children").get(2).getAsJsonObject().getAsJsonObject("counts").get("rois").getAsInt());

        CliRunner mixed = CliRunner.run("batch", "--job", job.toString(), "--dataset", "2");
        assertEquals(2, mixed.exitCode());
        assertTrue(mixed.err().contains("--dataset comes from the job file"), mixed.err());
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"format\": \"omero-ilastik-job\", \"source\": \"" + source + "\", \"dataset\": 2}");
        CliRunner bad = CliRunner.run("batch", "--job", broken.toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains(broken + ": \"project\" is missing"), bad.err());
    }

    /** A job the workbench's editor saved (version 2) runs when it has one input; with more it is refused, saying why. */
    @Test
    void runsAWorkbenchJobFileOfOneInput() throws Exception {
        setUp();
        Path job = dir.resolve("demo/editor.ilastikjob");
        Files.writeString(job, """
                {"format": "omero-ilastik-job", "version": 2, "project": "demo.ilp", "source": "%s",
                 "inputs": [{"kind": "image", "id": 3, "name": "a"}], "minSize": 20, "writeBack": ["rois"],
                 "engine": "embedded", "threads": 1, "parallel": 1, "exporters": ["org.example.unused"]}
                """.formatted(source));
        CliRunner r = CliRunner.run("batch", "--job", job.toString(), "--journal", dir.resolve("e.journal").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Summary: 1 done, 0 skipped (already done), 0 failed"), r.out());
        Files.writeString(job, Files.readString(job).replace("\"inputs\": [", "\"inputs\": [{\"kind\": \"dataset\", \"id\": 2}, "));
        CliRunner two = CliRunner.run("batch", "--job", job.toString());
        assertEquals(2, two.exitCode());
        assertTrue(two.err().contains("the job runs over 2 containers or image lists; batch --job runs one"), two.err());
    }

    /** Masks (opt-in) painted back plane by plane give exactly the segmentation's pixels of the ROI class. */
    @Test
    void masksPaintBackTheSegmentation() throws Exception {
        setUp();
        String project = dir.resolve("demo/demo.ilp").toString();
        CliRunner r = CliRunner.run("batch", "--source", source, "--dataset", "2", "--project", project, "--min-size", "1",
                "--write-back", "segmentation,masks");
        assertEquals(0, r.exitCode(), r.err());
        try (Repository repo = Services.get(Repositories.class).open(source, false)) {
            for (Image image : repo.browse().images(2)) {
                List<Image> derived = repo.browse().derivedImages(image.id());
                assertEquals(1, derived.size(), "only the segmentation was asked for");
                Image seg = derived.get(0);
                assertTrue(seg.name().endsWith("Simple Segmentation"), seg.name());
                ImageDescriptor d = seg.pixels();
                byte[] labels = (byte[]) NdImages.toArray(repo.rawData().read(seg.id(), new long[d.shape().length], d.shape()));
                int ny = (int) d.size(Axis.Y), nx = (int) d.size(Axis.X), planes = labels.length / (ny * nx);
                boolean[] painted = new boolean[labels.length];
                List<Roi> rois = repo.browse().rois(image.id());
                assertTrue(rois.size() > 0, "objects found: " + rois.size());
                for (Roi roi : rois) {
                    assertEquals(1, roi.masks().size());
                    MaskShape m = roi.masks().get(0);
                    int plane = m.t() * (planes / Math.max(1, (int) d.size(Axis.T))) + m.z();
                    for (int y = 0; y < m.height(); y++) {
                        for (int x = 0; x < m.width(); x++) {
                            if (m.contains(x, y)) {
                                int i = plane * ny * nx + (m.y() + y) * nx + m.x() + x;
                                assertFalse(painted[i], "masks never overlap");
                                painted[i] = true;
                            }
                        }
                    }
                }
                for (int i = 0; i < labels.length; i++) {
                    assertEquals(labels[i] == 1, painted[i], "pixel " + i + " of image " + image.id());
                }
            }
        }
    }

    @Test
    void batchesAnImageKeptAsOmeTiffLikeItsHdf5Twin() throws Exception {
        assertEquals(0, CliRunner.run("demo", "--dir", dir.resolve("demo").toString(), "--images", "1", "--size", "96").exitCode());
        // The same pixels as an OME-TIFF with a pixel size: kept as it is on import, read through the TIFF format.
        ImageFormats formats = Services.get(ImageFormats.class);
        NdImage cells = formats.read(ImageSource.parse(dir.resolve("demo/images/cells_00.h5") + "/data"));
        ImageDescriptor d = cells.descriptor();
        PhysicalSize half = new PhysicalSize(0.5, "\u00b5m");
        Path ome = dir.resolve("cells_00.ome.tif");
        formats.byId("tiff").orElseThrow().write(NdImages.wrap(new ImageDescriptor(d.axes(), d.shape(), d.pixelType(),
                Map.of(Axis.X, half, Axis.Y, half)), NdImages.toArray(cells)), ImageTarget.of(ome));
        source = "local:" + dir.resolve("repo");
        CliRunner imp = CliRunner.run("import", "--source", source, "--new-project", "P", "--new-dataset", "D",
                dir.resolve("demo/images/cells_00.h5") + "/data", ome.toString());
        assertEquals(0, imp.exitCode(), imp.err());
        assertTrue(Files.isRegularFile(dir.resolve("repo/images/4/pixels.ome.tif")));
        CliRunner r = CliRunner.run("batch", "--source", source, "--dataset", "2", "--project", dir.resolve("demo/demo.ilp").toString(),
                "--min-size", "20");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Summary: 2 done, 0 skipped (already done), 0 failed"), r.out());
        float[] fromHdf5 = (float[]) NdImages.toArray(formats.read(ImageSource.of(derived(3, "probabilities"))));
        float[] fromOmeTiff = (float[]) NdImages.toArray(formats.read(ImageSource.of(derived(4, "probabilities"))));
        org.junit.jupiter.api.Assertions.assertArrayEquals(fromHdf5, fromOmeTiff);
        String pixelTable = table(3);
        String micronTable = table(4);
        assertTrue(!pixelTable.contains("\u00b5m") && micronTable.startsWith(pixelTable.lines().findFirst().orElseThrow()
                + ",area_\u00b5m2,centroid_x_\u00b5m,centroid_y_\u00b5m"), micronTable);
    }

    /** The pixel file of the image derived from {@code imageId} under a key ending in {@code suffix}. */
    private Path derived(long imageId, String suffix) throws Exception {
        try (Stream<Path> images = Files.list(dir.resolve("repo/images"))) {
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
        throw new AssertionError("no image derived from " + imageId + " keyed *" + suffix);
    }

    private String table(long imageId) throws Exception {
        try (Stream<Path> outputs = Files.walk(dir.resolve("repo/results/image-" + imageId))) {
            return Files.readString(outputs.filter(p -> p.getFileName().toString().equals("table.csv")).findFirst().orElseThrow());
        }
    }

    /** --export-source adds derived images of more export sources, equal to what {@code run} exports one by one. */
    @Test
    void exportSourcesBecomeDerivedImagesEqualToRunOutputs() throws Exception {
        setUp();
        String project = dir.resolve("demo/demo.ilp").toString();
        CliRunner r = CliRunner.run("batch", "--source", source, "--image", "3", "--project", project, "--write-back", "rois",
                "--export_source", "Uncertainty,Features");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("uncertainty → image") && r.out().contains("features → image"), r.out());
        ImageFormats formats = Services.get(ImageFormats.class);
        for (String export : List.of("Uncertainty", "Features")) {
            CliRunner run = CliRunner.run("run", "--project", project, "--export-source", export, "--output-filename-format",
                    dir.resolve("run-{result_type}.h5").toString(), dir.resolve("demo/images/cells_00.h5") + "/data");
            assertEquals(0, run.exitCode(), run.err());
            NdImage expected = formats.read(ImageSource.of(dir.resolve("run-" + export + ".h5")));
            NdImage got = formats.read(ImageSource.of(derived(3, export.toLowerCase())));
            assertEquals(expected.descriptor().toString(), got.descriptor().toString());
            org.junit.jupiter.api.Assertions.assertArrayEquals((float[]) NdImages.toArray(expected), (float[]) NdImages.toArray(got), export);
        }
        CliRunner bad = CliRunner.run("batch", "--source", source, "--image", "3", "--project", project, "--export-source", "Labels");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("export source 'Labels' cannot be written back"), bad.err());
    }
}
