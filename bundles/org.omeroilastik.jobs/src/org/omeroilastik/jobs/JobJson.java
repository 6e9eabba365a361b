package org.omeroilastik.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/** The JSON side of job files, shared by both versions ({@link JobFiles}, {@link JobDocument}). */
final class JobJson {
    static final String FORMAT = "omero-ilastik-job";

    private JobJson() {
    }

    /** The file's JSON object, once it is known to be a job file (any version). */
    static JsonObject parse(Path file) throws IOException {
        JsonObject o;
        try {
            o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(file + ": not a job file (JSON expected): " + e.getMessage(), e);
        }
        if (!o.has("format") || !FORMAT.equals(o.get("format").getAsString())) {
            throw new IOException(file + ": not a job file (\"format\": \"" + FORMAT + "\" missing)");
        }
        return o;
    }

    /** The version a job file declares (1 when it declares none). */
    static int version(JsonObject o) {
        return o.has("version") ? o.get("version").getAsInt() : 1;
    }

    static JsonElement required(JsonObject o, String name, Path file) throws IOException {
        if (!o.has(name) || o.get(name).isJsonNull()) {
            throw new IOException(file + ": \"" + name + "\" is missing");
        }
        return o.get(name);
    }

    /** Writes atomically: a crash leaves the old file or the new one, never half of one. */
    static void write(JsonObject o, Path file) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n");
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
