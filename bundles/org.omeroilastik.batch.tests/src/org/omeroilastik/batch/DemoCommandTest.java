package org.omeroilastik.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo} end to end: images, training, project, classification, accuracy against the synthetic truth, and the
 * batch over a Dataset of z-stacks in a local repository, rerun without duplicates.
 */
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void trainsSavesAndClassifiesAccurately() throws Exception {
        CliRunner r = CliRunner.run("demo", "--dir", dir.toString(), "--images", "2", "--size", "128");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.isRegularFile(dir.resolve("demo.ilp")));
        assertTrue(Files.isRegularFile(dir.resolve("images/cells_01-data_Simple Segmentation.h5")));
        Matcher m = Pattern.compile("Mean accuracy ([0-9.]+) %").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(Double.parseDouble(m.group(1)) > 95, r.out());

        // The saved project is a real input for inspect and run.
        CliRunner inspect = CliRunner.run("inspect", dir.resolve("demo.ilp").toString());
        assertEquals(0, inspect.exitCode(), inspect.err());
        assertTrue(inspect.out().contains("labels: Cells (#ffe119), Background (#0082c8)"), inspect.out());
        CliRunner run = CliRunner.run("run", "--project", dir.resolve("demo.ilp").toString(), "--export-source", "Uncertainty",
                dir.resolve("images/cells_00.h5") + "/data");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.isRegularFile(dir.resolve("images/cells_00-data_Uncertainty.h5")));

        // The repository part: Project > Dataset of 3 z-stacks, every image with its results, the .ilp once.
        assertTrue(r.out().contains("Batch over dataset 2: 3 done, 0 failed"), r.out());
        JsonObject dataset = demoDataset();
        assertEquals("Cell z-stacks", dataset.get("name").getAsString());
        assertEquals(1, dataset.getAsJsonObject("counts").get("attachments").getAsInt(), "the .ilp attached once");
        JsonArray images = dataset.getAsJsonArray("children");
        assertEquals(3, images.size(), "derived images are not dataset children");
        for (var image : images) {
            JsonObject counts = image.getAsJsonObject().getAsJsonObject("counts");
            assertTrue(counts.get("rois").getAsInt() > 5, counts.toString());
            assertEquals(1, counts.get("tables").getAsInt());
            assertEquals(2, counts.get("derived").getAsInt(), "probability map and segmentation");
            assertEquals(1, counts.get("annotations").getAsInt(), "provenance");
        }
        // ROIs are found on every plane of the stacks (Fiji's per-plane Analyze Particles).
        assertTrue(r.out().contains("5x128x128"), r.out());

        // The Screen > Plate of timelapses: every well field classified and written back.
        assertTrue(r.out().contains("with 2 wells of 4x128x128 timelapses"), r.out());
        JsonObject plate = demoPlate();
        JsonArray wells = plate.getAsJsonArray("children");
        assertEquals(2, wells.size());
        for (var well : wells) {
            JsonArray fields = well.getAsJsonObject().getAsJsonArray("children");
            assertEquals(1, fields.size());
            JsonObject counts = fields.get(0).getAsJsonObject().getAsJsonObject("counts");
            assertTrue(counts.get("rois").getAsInt() > 5, counts.toString());
            assertEquals(2, counts.get("derived").getAsInt());
            assertEquals(1, counts.get("tables").getAsInt());
        }
        long plateId = plate.get("id").getAsLong();
        assertTrue(r.out().contains("Batch over plate " + plateId + ": 2 done, 0 failed"), r.out());
        CliRunner dry = CliRunner.run("batch", "--source", "local:" + dir.resolve("repository"), "--plate", Long.toString(plateId),
                "--project", dir.resolve("demo.ilp").toString(), "--dry-run");
        assertEquals(0, dry.exitCode(), dry.err());
        assertTrue(dry.out().contains("Would process 2 image(s)") && dry.out().contains("tyx[4, 128, 128]"), dry.out());
        assertTrue(dry.out().contains("demo.ilp-plate-" + plateId + ".journal"), dry.out());

        // Running it again reuses the Dataset and the Plate and changes no count.
        CliRunner again = CliRunner.run("demo", "--dir", dir.toString(), "--images", "2", "--size", "128");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("Reusing dataset 2"), again.out());
        assertEquals(dataset.toString(), demoDataset().toString(), "a rerun changes no count");
        assertTrue(again.out().contains("Reusing plate " + plateId), again.out());
        assertEquals(plate.toString(), demoPlate().toString(), "a rerun changes no count on the plate");
    }

    private JsonObject demoPlate() {
        JsonArray roots = JsonParser.parseString(CliRunner.run("browse", "--source", "local:" + dir.resolve("repository"), "--json").out())
                .getAsJsonArray();
        JsonObject screen = roots.get(1).getAsJsonObject();
        assertEquals("screen", screen.get("type").getAsString());
        assertEquals("Demo screen", screen.get("name").getAsString());
        JsonObject plate = screen.getAsJsonArray("children").get(0).getAsJsonObject();
        assertEquals("plate", plate.get("type").getAsString());
        return plate;
    }

    private JsonObject demoDataset() {
        CliRunner b = CliRunner.run("browse", "--source", "local:" + dir.resolve("repository"), "--json");
        assertEquals(0, b.exitCode(), b.err());
        JsonArray roots = JsonParser.parseString(b.out()).getAsJsonArray();
        JsonObject project = roots.get(0).getAsJsonObject();
        assertEquals("Demo", project.get("name").getAsString());
        return project.getAsJsonArray("children").get(0).getAsJsonObject();
    }
}
