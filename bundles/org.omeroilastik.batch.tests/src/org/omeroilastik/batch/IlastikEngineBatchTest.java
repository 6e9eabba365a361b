package org.omeroilastik.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@code batch --engine ilastik} against a fake {@code run_ilastik.sh} (Debian's python3 with h5py) that refuses any
 * argument ilastik's headless mode would not take and writes what ilastik writes: {@code exported_data}-style
 * datasets with axistags, probabilities as float32 yxc, segmentations as uint8 yxc with labels from 1.
 */
class IlastikEngineBatchTest {
    private static final String FAKE = """
            #!/usr/bin/python3
            import os, sys, json, h5py, numpy as np
            args = sys.argv[1:]
            with open(sys.argv[0] + ".calls", "a") as log:
                log.write(" ".join(args) + "\\n")
            with open(sys.argv[0] + ".env", "a") as log:
                log.write(os.environ.get("LAZYFLOW_THREADS", "-") + " " + os.environ.get("LAZYFLOW_TOTAL_RAM_MB", "-") + "\\n")
            opts = {}
            for a in args:
                if a == "--headless":
                    opts["headless"] = True
                    continue
                if not a.startswith("--") or "=" not in a:
                    sys.exit("unexpected argument " + a)
                k, v = a[2:].split("=", 1)
                if k not in ("project", "export_source", "output_format", "output_filename_format", "output_internal_path", "raw_data"):
                    sys.exit("unknown option --" + k)
                opts[k] = v
            assert opts.get("headless") and opts["output_format"] == "hdf5", opts
            assert opts["project"].endswith(".ilp") and h5py.is_hdf5(opts["project"]), opts["project"]
            f, d = opts["raw_data"].split(".h5/")
            raw = h5py.File(f + ".h5", "r")[d][()].astype(np.float32)
            p = np.clip(raw / 255.0 * 2.5, 0, 1)
            if opts["export_source"] == "Probabilities":
                out, axes = np.stack([p, 1 - p], axis=-1).astype(np.float32), "yxc"
            elif opts["export_source"] == "Simple Segmentation":
                out, axes = np.where(p > 0.5, 1, 2).astype(np.uint8)[..., None], "yxc"
            else:
                sys.exit("unsupported export source " + opts["export_source"])
            tags = {"axes": [{"key": k, "typeFlags": 1 if k == "c" else 2, "resolution": 0, "description": ""} for k in axes]}
            with h5py.File(opts["output_filename_format"], "w") as o:
                ds = o.create_dataset(opts["output_internal_path"], data=out)
                ds.attrs["axistags"] = json.dumps(tags)
            """;

    @TempDir
    Path dir;

    @Test
    void runsAnInstalledIlastikAndWritesBack() throws Exception {
        assertEquals(0, CliRunner.run("demo", "--dir", dir.resolve("demo").toString(), "--images", "2", "--size", "96").exitCode());
        String source = "local:" + dir.resolve("repo");
        CliRunner imp = CliRunner.run("import", "--source", source, "--new-dataset", "D", dir.resolve("demo/images/cells_00.h5") + "/data",
                dir.resolve("demo/images/cells_01.h5") + "/data");
        assertEquals(0, imp.exitCode(), imp.err());
        Path home = Files.createDirectories(dir.resolve("ilastik-1.4.1"));
        Path script = home.resolve("run_ilastik.sh");
        Files.writeString(script, FAKE.stripLeading());
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        String project = dir.resolve("demo/demo.ilp").toString();

        CliRunner missing = CliRunner.run("batch", "--source", source, "--dataset", "1", "--project", project, "--engine", "ilastik",
                "--ilastik-home", dir.resolve("nowhere").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("nowhere/run_ilastik.sh is missing or not executable"), missing.err());

        CliRunner r = CliRunner.run("batch", "--source", source, "--dataset", "1", "--project", project, "--engine", "ilastik",
                "--ilastik-home", home.toString(), "--min-size", "20", "--threads", "3", "--memory", "1536");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("Summary: 2 done, 0 skipped (already done), 0 failed"), r.out());
        List<String> calls = Files.readAllLines(home.resolve("run_ilastik.sh.calls"));
        assertEquals(4, calls.size(), "probabilities and segmentation for each image: " + calls);
        assertTrue(calls.get(0).startsWith("--headless --project=" + project + " --export_source=Probabilities --output_format=hdf5"),
                calls.get(0));
        assertTrue(calls.get(1).contains("--export_source=Simple Segmentation"), calls.get(1));
        assertEquals(List.of("3 1536", "3 1536", "3 1536", "3 1536"), Files.readAllLines(home.resolve("run_ilastik.sh.env")),
                "lazyflow gets the threads and the memory budget");

        JsonArray images = datasetImages(source);
        JsonObject counts = images.get(0).getAsJsonObject().getAsJsonObject("counts");
        assertTrue(counts.get("rois").getAsInt() > 0, counts.toString());
        assertEquals(2, counts.get("derived").getAsInt());
        assertEquals(1, counts.get("tables").getAsInt());
        // Provenance names the engine that made the results.
        try (var files = Files.walk(dir.resolve("repo"))) {
            assertTrue(files.filter(Files::isRegularFile).anyMatch(f -> {
                try {
                    return Files.readString(f).contains("ilastik-headless " + script);
                } catch (java.io.IOException | java.io.UncheckedIOException e) {
                    return false;
                }
            }), "provenance records the installed ilastik");
        }
    }

    @Test
    void anIlastikThatFailsLeavesTheImageUndone() throws Exception {
        assertEquals(0, CliRunner.run("demo", "--dir", dir.resolve("demo").toString(), "--images", "1", "--size", "96").exitCode());
        String source = "local:" + dir.resolve("repo");
        assertEquals(0, CliRunner.run("import", "--source", source, "--new-dataset", "D", dir.resolve("demo/images/cells_00.h5") + "/data")
                .exitCode());
        Path home = Files.createDirectories(dir.resolve("ilastik"));
        Path script = home.resolve("run_ilastik.sh");
        Files.writeString(script, "#!/bin/sh\necho 'ERROR: Could not open project file' >&2\nexit 1\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        CliRunner r = CliRunner.run("batch", "--source", source, "--dataset", "1", "--project", dir.resolve("demo/demo.ilp").toString(),
                "--engine", "ilastik", "--ilastik-home", home.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("exited with 1") && r.err().contains("Could not open project file"), r.err());
        JsonObject counts = datasetImages(source).get(0).getAsJsonObject().getAsJsonObject("counts");
        assertEquals(0, counts.get("derived").getAsInt(), "a failed export leaves no derived image: " + counts);
    }

    /** The images of the one dataset, which is in no project (the orphans node). */
    private static JsonArray datasetImages(String source) {
        JsonObject orphans = JsonParser.parseString(CliRunner.run("browse", "--source", source, "--json").out()).getAsJsonArray().get(0)
                .getAsJsonObject();
        assertEquals("orphans", orphans.get("type").getAsString());
        return orphans.getAsJsonArray("children").get(0).getAsJsonObject().getAsJsonArray("children");
    }
}
