package org.omeroilastik.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omeroilastik.testing.Conformance;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** {@code import} and {@code browse} on the embedded local repository. */
class RepositoryCommandsTest {

    @TempDir
    Path dir;

    @Test
    void importThenBrowseAsTreeAndJson() {
        String source = "local:" + dir.resolve("repo");
        CliRunner imp = CliRunner.run("import", "--source", source, "--new-project", "Cells", "--new-dataset", "Batch 1",
                Conformance.file("pixel/api-2d-1ch/Data_1channel.png").toString(), Conformance.file("projects/2d.h5") + "/data",
                dir.resolve("missing.png").toString());
        assertEquals(1, imp.exitCode(), imp.err());
        assertTrue(imp.err().contains("missing.png"), imp.err());
        assertTrue(imp.out().contains("Imported") && imp.out().contains("as image 3"), imp.out());

        CliRunner tree = CliRunner.run("browse", "--source", source);
        assertEquals(0, tree.exitCode(), tree.err());
        assertTrue(tree.out().contains("Project 1 \"Cells\"") && tree.out().contains("Dataset 2 \"Batch 1\""), tree.out());

        CliRunner json = CliRunner.run("browse", "--source", source, "--json");
        JsonArray roots = JsonParser.parseString(json.out()).getAsJsonArray();
        assertEquals(2, roots.size(), "one project and the orphans node");
        JsonObject project = roots.get(0).getAsJsonObject();
        assertEquals("project", project.get("type").getAsString());
        JsonObject dataset = project.getAsJsonArray("children").get(0).getAsJsonObject();
        assertEquals("dataset", dataset.get("type").getAsString());
        assertEquals(2, dataset.getAsJsonArray("children").size());
        JsonObject image = dataset.getAsJsonArray("children").get(0).getAsJsonObject();
        assertEquals("image", image.get("type").getAsString());
        assertEquals(0, image.getAsJsonObject("counts").get("derived").getAsInt());
        assertEquals("orphans", roots.get(1).getAsJsonObject().get("type").getAsString());

        // Ids are stable: importing more keeps earlier ids and adds new ones.
        CliRunner more = CliRunner.run("import", "--source", source, "--dataset", "2", Conformance.file("pixel/api-2d-3ch/Data_3channel.png").toString());
        assertEquals(0, more.exitCode(), more.err());
        assertTrue(more.out().contains("as image 5"), more.out());
        CliRunner bad = CliRunner.run("browse", "--source", "local:" + dir.resolve("nothing"));
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("no local repository"), bad.err());
    }
}
