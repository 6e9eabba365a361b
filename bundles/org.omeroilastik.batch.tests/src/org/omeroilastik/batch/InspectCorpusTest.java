package org.omeroilastik.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.omeroilastik.testing.Conformance;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** inspect over every project of the conformance corpus, with real stored values checked. */
class InspectCorpusTest {
    /** Workflows we do not support, as stored in the corpus files. */
    private static final Map<String, String> UNSUPPORTED = Map.of(
            "Boundary-basedSegmentationwMulticut3d.ilp", "Edge Training With Multicut",
            "Boundary-basedSegmentationwMulticut3d1c.ilp", "Edge Training With Multicut",
            "Boundary-basedSegmentationwMulticut3d2c.ilp", "Edge Training With Multicut",
            "CellDensityCounting2d3c.ilp", "Cell Density Counting");

    @Test
    void everyCorpusProjectIsSummarisedOrRefusedAsUnsupported() throws Exception {
        List<Path> projects = Conformance.files(".ilp");
        assertEquals(42, projects.size(), "33 in projects/ plus 9 in the case folders");
        for (Path p : projects) {
            String name = p.getFileName().toString();
            CliRunner text = CliRunner.run("inspect", p.toString());
            if (UNSUPPORTED.containsKey(name)) {
                assertEquals(2, text.exitCode(), name);
                assertEquals("omero-ilastik inspect: unsupported workflow: " + UNSUPPORTED.get(name) + "\n", text.err(), name);
                assertEquals("", text.out());
                continue;
            }
            assertEquals(0, text.exitCode(), name + ": " + text.err());
            assertEquals("", text.err(), name);
            assertTrue(text.out().startsWith("Project:          " + p), text.out());

            CliRunner json = CliRunner.run("inspect", "--json", p.toString());
            assertEquals(0, json.exitCode(), name);
            JsonObject o = JsonParser.parseString(json.out()).getAsJsonObject();
            for (String key : List.of("workflow", "ilastikVersion", "featureChannels", "labels", "forests", "applets")) {
                assertTrue(o.has(key), name + " lacks " + key);
            }
            assertFalse(o.getAsJsonObject("applets").isEmpty(), name);
            // Two independent stored facts agree: the selected features give exactly the columns the forest was trained on.
            for (String stage : List.of("", "01")) {
                JsonObject applets = o.getAsJsonObject("applets");
                if (applets.has("FeatureSelections" + stage) && applets.has("PixelClassification" + stage)
                        && !applets.getAsJsonObject("PixelClassification" + stage).get("forests").isJsonNull()) {
                    int channels = applets.getAsJsonObject("FeatureSelections" + stage).get("featureChannels").getAsInt();
                    JsonObject forests = applets.getAsJsonObject("PixelClassification" + stage).getAsJsonObject("forests");
                    assertEquals(forests.get("featureCount").getAsInt(), channels, name + " stage '" + stage + "'");
                }
            }
        }
    }

    @Test
    void apoptoticProjectSummaryHasItsRealValues() {
        Path p = Conformance.file("pixel/apoptotic-2d/pixel_class_2d_cells_apoptotic.ilp");
        CliRunner r = CliRunner.run("inspect", "--json", p.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals("Pixel Classification", o.get("workflow").getAsString());
        assertEquals("1.3.3post1", o.get("ilastikVersion").getAsString());
        assertEquals(29, o.get("featureChannels").getAsInt());
        assertEquals("[\"foreground\",\"background\"]", o.get("labels").toString());
        assertEquals(8, o.getAsJsonObject("forests").get("count").getAsInt());
        assertEquals(100, o.getAsJsonObject("forests").get("trees").getAsInt());
        JsonObject fs = o.getAsJsonObject("applets").getAsJsonObject("FeatureSelections");
        assertEquals(6, fs.getAsJsonArray("featureIds").size());
        assertEquals(7, fs.getAsJsonArray("scales").size());
        assertEquals(21, fs.get("selected").getAsInt());
        assertEquals(1, fs.get("inputChannels").getAsInt());
        JsonObject lane = o.getAsJsonArray("lanes").get(0).getAsJsonObject().getAsJsonObject("Raw Data");
        assertEquals("tzyxc", lane.get("axes").getAsString());
        assertEquals("[1,1,1024,1344,1]", lane.get("shape").toString());
        assertEquals("2d_cells_apoptotic_1channel.h5/data", lane.get("filePath").getAsString());

        CliRunner text = CliRunner.run("inspect", p.toString());
        assertTrue(text.out().contains("ilastik:          1.3.3post1"), text.out());
        assertTrue(text.out().contains("8 forest(s), 100 trees, 29 feature columns, 2 classes"), text.out());
        assertTrue(text.out().contains("feature channels: 29 from 1 input channel(s), 2D data"), text.out());
    }

    @Test
    void autocontextStageTwoSeesRawChannelsPlusStageOneProbabilities() {
        CliRunner r = CliRunner.run("inspect", "--json", Conformance.file("autocontext/api-2d/Autocontext_2D.ilp").toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonObject applets = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonObject("applets");
        int stage1Classes = applets.getAsJsonObject("PixelClassification").getAsJsonArray("labels").size();
        assertEquals(1, applets.getAsJsonObject("FeatureSelections").get("inputChannels").getAsInt());
        assertEquals(1 + stage1Classes, applets.getAsJsonObject("FeatureSelections01").get("inputChannels").getAsInt());
    }

    @Test
    void objectAndTrackingSettingsAreRead() {
        CliRunner oc = CliRunner.run("inspect", "--json", Conformance.file("projects/ObjectClassification2d3c_wPred.ilp").toString());
        assertEquals(0, oc.exitCode(), oc.err());
        JsonObject a = JsonParser.parseString(oc.out()).getAsJsonObject().getAsJsonObject("applets");
        JsonObject t = a.getAsJsonObject("ThresholdTwoLevels");
        assertEquals("SIMPLE", t.get("method").getAsString());
        assertEquals(0.5, t.get("lowThreshold").getAsDouble());
        assertEquals(50, t.get("minSize").getAsLong());
        assertEquals(1000000, t.get("maxSize").getAsLong());
        assertEquals("[\"Label 1\",\"Label 2\"]", JsonParser.parseString(oc.out()).getAsJsonObject().get("labels").toString());
        assertTrue(a.getAsJsonObject("ObjectExtraction").getAsJsonObject("features").has("Standard Object Features"));

        // TRACKING.md: the Hytra project tracks with maxDist 200, divThreshold 0.1, Flow-based solver; 2 annotated divisions.
        CliRunner tr = CliRunner.run("inspect", "--json",
                Conformance.file("tracking/mitocheck-small/mitocheckStructuredLearningTrackingHytraWithDivisions.ilp").toString());
        assertEquals(0, tr.exitCode(), tr.err());
        JsonObject ta = JsonParser.parseString(tr.out()).getAsJsonObject().getAsJsonObject("applets");
        JsonObject params = ta.getAsJsonObject("StructuredTracking").getAsJsonObject("parameters");
        assertEquals("200", params.get("maxDist").getAsString());
        assertEquals("0.1", params.get("divThreshold").getAsString());
        assertEquals("Flow-based", params.get("solver").getAsString());
        assertEquals(2, ta.getAsJsonObject("StructuredTracking").get("divisions").getAsInt());
        assertEquals(0.2, ta.getAsJsonObject("ThresholdTwoLevels").get("lowThreshold").getAsDouble());
        assertEquals("[\"False Detection\",\"1 Object\"]", ta.getAsJsonObject("CountClassification").getAsJsonArray("labels")
                .asList().stream().map(e -> "\"" + e.getAsJsonObject().get("name").getAsString() + "\"").toList().toString().replace(", ", ","));
        assertEquals(100, ta.getAsJsonObject("DivisionDetection").getAsJsonObject("forests").get("trees").getAsInt());
    }

    @Test
    void severalProjectsGiveOneJsonArrayAndPartialFailureExitCode() {
        String good = Conformance.file("pixel/api-2d-1ch/PixelClass.ilp").toString();
        String bad = Conformance.file("projects/CellDensityCounting2d3c.ilp").toString();
        CliRunner r = CliRunner.run("inspect", "--json", good, bad);
        assertEquals(1, r.exitCode());
        JsonArray arr = JsonParser.parseString(r.out()).getAsJsonArray();
        assertEquals(1, arr.size());
        assertEquals(Set.of("omero-ilastik inspect: unsupported workflow: Cell Density Counting"), Set.of(r.err().strip().split("\n")));
    }
}
