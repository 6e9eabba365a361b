package org.omeroilastik.internal.repository.omero;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.omeroilastik.image.io.ImageTarget;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.results.PolygonShape;
import org.omeroilastik.model.results.Roi;
import org.omeroilastik.model.results.Table;
import org.omeroilastik.repository.RepositoryException;
import org.omeroilastik.repository.ResultWriter;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Write-back through OMERO.web: key-value pairs with {@code /webclient/annotate_map/}, files with
 * {@code /webclient/annotate_file/}, polygons with {@code /iviewer/persist_rois/}. OMERO.web cannot
 * create images or OMERO.tables, so derived images and tables go back as attached files (HDF5 and
 * CSV). Every output is found again through a registry: a map annotation in namespace
 * {@value #REGISTRY}KEY on the same object listing what the output consists of. A rerun writes the new
 * output, points the registry at it, then deletes the old one, so the object never shows no output
 * and never two.
 */
final class OmeroResults implements ResultWriter {
    /** Namespace of the key-value pairs written under a key (provenance). */
    static final String PAIRS = "omero-ilastik:";
    /** Namespace of the registries. */
    static final String REGISTRY = "omero-ilastik.registry:";
    /** Django's default request body limit is 2.5 MB; ROIs go in smaller batches. */
    static final int ROI_BATCH_BYTES = 2_000_000;

    private final OmeroWebClient client;
    private final String location;

    OmeroResults(OmeroWebClient client, String location) {
        this.client = client;
        this.location = location;
    }

    private static String param(Owner owner) {
        return owner == Owner.IMAGE ? "image" : "dataset";
    }

    // ---- annotations -----------------------------------------------------------------------------------

    /** Map annotations on an object, in namespaces starting with {@code nsPrefix}: id → (ns, values). */
    record MapAnn(long id, String ns, List<String[]> values) {
    }

    List<MapAnn> maps(Owner owner, long id, String nsPrefix) throws RepositoryException {
        JsonObject r = client.get("webclient/api/annotations/?type=map&" + param(owner) + "=" + id);
        List<MapAnn> out = new ArrayList<>();
        JsonArray anns = r.getAsJsonArray("annotations");
        if (anns == null) {
            throw new RepositoryException(location + ": GET /webclient/api/annotations/: no \"annotations\" list in the answer");
        }
        for (JsonElement e : anns) {
            JsonObject a = e.getAsJsonObject();
            String ns = a.has("ns") && !a.get("ns").isJsonNull() ? a.get("ns").getAsString() : "";
            if (ns.startsWith(nsPrefix)) {
                List<String[]> values = new ArrayList<>();
                for (JsonElement kv : a.getAsJsonArray("values")) {
                    values.add(new String[] {kv.getAsJsonArray().get(0).getAsString(), kv.getAsJsonArray().get(1).getAsString()});
                }
                out.add(new MapAnn(a.get("id").getAsLong(), ns, values));
            }
        }
        return out;
    }

    /** Creates or (with {@code annId}) replaces a map annotation; returns its id. */
    private long putMap(Owner owner, long id, String ns, List<String[]> values, Optional<Long> annId) throws RepositoryException {
        JsonArray pairs = new JsonArray();
        for (String[] kv : values) {
            JsonArray p = new JsonArray();
            p.add(kv[0]);
            p.add(kv[1]);
            pairs.add(p);
        }
        String form = param(owner) + "=" + id + "&mapAnnotation=" + enc(pairs.toString()) + "&ns=" + enc(ns)
                + annId.map(a -> "&annId=" + a).orElse("");
        JsonObject r = client.post("webclient/annotate_map/", new OmeroWebClient.Body("application/x-www-form-urlencoded",
                form.getBytes(StandardCharsets.UTF_8)));
        JsonElement ids = r.get("annId");
        if (ids == null || !ids.isJsonArray() || ids.getAsJsonArray().isEmpty()) {
            if (values.isEmpty()) {
                return -1; // deleted
            }
            throw new RepositoryException(location + ": POST /webclient/annotate_map/: no annotation id in the answer " + r);
        }
        long created = ids.getAsJsonArray().get(0).getAsLong();
        if (annId.isEmpty() && !ns.isEmpty()) {
            // One annotation per namespace and object: a copy made by a resent request whose answer was lost goes.
            for (MapAnn other : maps(owner, id, ns)) {
                if (other.ns().equals(ns) && other.id() != created) {
                    deleteMap(owner, id, other.id());
                }
            }
        }
        return created;
    }

    private void deleteMap(Owner owner, long id, long annId) throws RepositoryException {
        putMap(owner, id, "", List.of(), Optional.of(annId));
    }

    @Override
    public void putAnnotations(Owner owner, long id, String key, Map<String, String> pairs) throws RepositoryException {
        List<String[]> values = new ArrayList<>();
        new TreeMap<>(pairs).forEach((k, v) -> values.add(new String[] {k, v}));
        List<MapAnn> existing = maps(owner, id, PAIRS + key);
        existing.removeIf(m -> !m.ns().equals(PAIRS + key));
        putMap(owner, id, PAIRS + key, values, existing.isEmpty() ? Optional.empty() : Optional.of(existing.get(0).id()));
        for (MapAnn extra : existing.subList(Math.min(1, existing.size()), existing.size())) {
            deleteMap(owner, id, extra.id());
        }
    }

    // ---- registry: what an output consists of ------------------------------------------------------------

    /** Points the key's registry at the new parts, then removes the parts it listed before. */
    private void replace(Owner owner, long id, String key, String kind, List<Long> parts) throws RepositoryException {
        List<MapAnn> old = maps(owner, id, REGISTRY + key);
        old.removeIf(m -> !m.ns().equals(REGISTRY + key));
        List<String[]> values = new ArrayList<>();
        values.add(new String[] {"kind", kind});
        for (long p : parts) {
            values.add(new String[] {"part", Long.toString(p)});
        }
        putMap(owner, id, REGISTRY + key, values, old.isEmpty() ? Optional.empty() : Optional.of(old.get(0).id()));
        // Two registries of one key (two runs at once): the extra ones go first, then every old part once.
        for (MapAnn extra : old.subList(Math.min(1, old.size()), old.size())) {
            deleteMap(owner, id, extra.id());
        }
        List<Long> stale = new ArrayList<>();
        String oldKind = kind;
        for (MapAnn registry : old) {
            for (String[] kv : registry.values()) {
                if (kv[0].equals("kind")) {
                    oldKind = kv[1];
                } else if (kv[0].equals("part") && !parts.contains(Long.parseLong(kv[1])) && !stale.contains(Long.parseLong(kv[1]))) {
                    stale.add(Long.parseLong(kv[1]));
                }
            }
        }
        deleteParts(id, oldKind, stale);
    }

    private void deleteParts(Owner owner, long id, MapAnn registry, List<Long> keep) throws RepositoryException {
        String kind = "";
        List<Long> parts = new ArrayList<>();
        for (String[] kv : registry.values()) {
            if (kv[0].equals("kind")) {
                kind = kv[1];
            } else if (kv[0].equals("part") && !keep.contains(Long.parseLong(kv[1]))) {
                parts.add(Long.parseLong(kv[1]));
            }
        }
        deleteParts(id, kind, parts);
    }

    /** Deletes ROIs or file annotations; one already gone (another run removed it) counts as deleted. */
    private void deleteParts(long id, String kind, List<Long> parts) throws RepositoryException {
        if (kind.equals("rois")) {
            deleteRois(id, parts);
            return;
        }
        for (long ann : parts) {
            JsonObject r = client.post("webclient/action/delete/file/" + ann + "/", new OmeroWebClient.Body(
                    "application/x-www-form-urlencoded", new byte[0]));
            if (r.has("bad") && "true".equals(r.get("bad").getAsString())) {
                String errs = r.has("errs") ? r.get("errs").getAsString() : "refused";
                if (!errs.toLowerCase(java.util.Locale.ROOT).contains("not found")) {
                    throw new RepositoryException(location + ": POST /webclient/action/delete/file/" + ann + "/: " + errs);
                }
            }
        }
    }

    // ---- files -----------------------------------------------------------------------------------------

    /** Uploads a file to an object, streamed from disk; returns the new FileAnnotation's id. */
    private long upload(Owner owner, long id, String fileName, Path file) throws RepositoryException {
        String boundary = "----omero-ilastik-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"annotation_file\"; filename=\""
                + fileName.replace("\"", "_") + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        long size;
        java.net.http.HttpRequest.BodyPublisher content;
        try {
            size = Files.size(file);
            content = java.net.http.HttpRequest.BodyPublishers.ofFile(file);
        } catch (IOException e) {
            throw new RepositoryException(file + ": cannot read: " + e.getMessage(), e);
        }
        var body = java.net.http.HttpRequest.BodyPublishers.concat(java.net.http.HttpRequest.BodyPublishers.ofByteArray(head), content,
                java.net.http.HttpRequest.BodyPublishers.ofByteArray(tail));
        // Object ids in the query string: annotate_file reads them from there when there is one.
        JsonObject r = client.post("webclient/annotate_file/?" + param(owner) + "=" + id,
                new OmeroWebClient.Body("multipart/form-data; boundary=" + boundary, body, head.length + size + tail.length));
        JsonArray ids = r.getAsJsonArray("fileIds");
        if (ids == null || ids.isEmpty()) {
            throw new RepositoryException(location + ": POST /webclient/annotate_file/: no file id in the answer " + r);
        }
        return ids.get(0).getAsLong();
    }

    private long upload(Owner owner, long id, String fileName, byte[] content) throws RepositoryException {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("omero-ilastik-upload");
            Path f = dir.resolve("content");
            Files.write(f, content);
            return upload(owner, id, fileName, f);
        } catch (IOException e) {
            throw new RepositoryException("cannot stage an upload: " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                try {
                    Files.deleteIfExists(dir.resolve("content"));
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }
    }

    private void putFile(Owner owner, long id, String key, String fileName, byte[] content) throws RepositoryException {
        long ann = upload(owner, id, fileName, content);
        replace(owner, id, key, "file", List.of(ann));
        dropUnlisted(owner, id, fileName, ann);
    }

    /**
     * Deletes other files of a name only we give (derived from the output key) that no registry lists:
     * copies left by an upload whose answer was lost before a retry.
     */
    private void dropUnlisted(Owner owner, long id, String generatedName, long keep) throws RepositoryException {
        JsonObject r = client.get("webclient/api/annotations/?type=file&" + param(owner) + "=" + id);
        List<Long> extra = new ArrayList<>();
        for (JsonElement e : r.getAsJsonArray("annotations")) {
            JsonObject a = e.getAsJsonObject();
            JsonObject f = a.getAsJsonObject("file");
            if (f != null && generatedName.equals(f.get("name").getAsString()) && a.get("id").getAsLong() != keep) {
                extra.add(a.get("id").getAsLong());
            }
        }
        deleteParts(id, "file", extra);
    }

    @Override
    public void putTable(Owner owner, long id, String key, Table table) throws RepositoryException {
        StringBuilder sb = new StringBuilder(String.join(",", table.columns().stream().map(OmeroResults::csv).toList())).append('\n');
        for (List<Object> row : table.rows()) {
            sb.append(String.join(",", row.stream().map(v -> csv(String.valueOf(v))).toList())).append('\n');
        }
        putFile(owner, id, key, fileName(key) + ".csv", sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String csv(String v) {
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    /** A file name from a key: "demo.ilp/table" → "demo.ilp_table". */
    static String fileName(String key) {
        return key.replaceAll("[^A-Za-z0-9._-]+", "_");
    }

    @Override
    public void putAttachment(Owner owner, long id, String key, Path file) throws RepositoryException {
        try {
            replace(owner, id, key, "file", List.of(upload(owner, id, file.getFileName().toString(), file)));
        } catch (RuntimeException e) {
            throw new RepositoryException(file + ": cannot attach: " + e.getMessage(), e);
        }
    }

    /**
     * OMERO.web cannot create images: the derived image is written to a local HDF5 file (ilastik's
     * layout) and attached to the source image on commit; the returned id is the FileAnnotation's.
     */
    @Override
    public DerivedImage derivedImage(long sourceImageId, String key, String name, ImageDescriptor pixels) throws RepositoryException {
        Path dir;
        try {
            dir = Files.createTempDirectory("omero-ilastik-derived");
        } catch (IOException e) {
            throw new RepositoryException("cannot make a temporary folder: " + e.getMessage(), e);
        }
        Path file = dir.resolve(fileName(name) + ".h5");
        ImageTarget target = new ImageTarget(file, "exported_data", 4);
        return new DerivedImage() {
            @Override
            public ImageTarget target() {
                return target;
            }

            @Override
            public long commit() throws RepositoryException {
                try {
                    long ann = upload(Owner.IMAGE, sourceImageId, file.getFileName().toString(), file);
                    replace(Owner.IMAGE, sourceImageId, key, "file", List.of(ann));
                    dropUnlisted(Owner.IMAGE, sourceImageId, file.getFileName().toString(), ann);
                    return ann;
                } finally {
                    discard();
                }
            }

            @Override
            public void discard() {
                try {
                    Files.deleteIfExists(file);
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a temporary file; the OS clears it
                }
            }
        };
    }

    // ---- ROIs ------------------------------------------------------------------------------------------

    @Override
    public void putRois(long imageId, String key, List<Roi> rois) throws RepositoryException {
        if (rois.stream().anyMatch(r -> !r.masks().isEmpty())) {
            throw new RepositoryException(location + ": masks cannot be written through OMERO.web (omero-marshal carries no mask "
                    + "bytes); leave \"masks\" out of --write-back, the polygons are written");
        }
        List<Long> created = new ArrayList<>();
        try {
            persistAll(imageId, rois, created);
        } catch (RepositoryException | RuntimeException e) {
            // A later batch failed: the ROIs of the earlier ones are listed nowhere, so they go now.
            try {
                deleteRois(imageId, created);
            } catch (RepositoryException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        replace(Owner.IMAGE, imageId, key, "rois", created);
    }

    private void persistAll(long imageId, List<Roi> rois, List<Long> created) throws RepositoryException {
        JsonArray batch = new JsonArray();
        int bytes = 0;
        int n = 0;
        for (Roi roi : rois) {
            for (PolygonShape p : roi.shapes()) {
                JsonObject shape = new JsonObject();
                shape.addProperty("@type", "http://www.openmicroscopy.org/Schemas/OME/2016-06#Polygon");
                shape.addProperty("oldId", "-1:-" + (++n));
                StringBuilder points = new StringBuilder();
                int[] x = p.x();
                int[] y = p.y();
                for (int i = 0; i < x.length; i++) {
                    points.append(i == 0 ? "" : " ").append(x[i]).append(',').append(y[i]);
                }
                shape.addProperty("Points", points.toString());
                shape.addProperty("TheZ", p.z());
                shape.addProperty("TheT", p.t());
                shape.addProperty("Text", roi.label());
                batch.add(shape);
                bytes += points.length() + 200;
                if (bytes > ROI_BATCH_BYTES) {
                    created.addAll(persist(imageId, batch));
                    batch = new JsonArray();
                    bytes = 0;
                }
            }
        }
        if (!batch.isEmpty()) {
            created.addAll(persist(imageId, batch));
        }
    }

    private List<Long> persist(long imageId, JsonArray shapes) throws RepositoryException {
        JsonObject rois = new JsonObject();
        rois.addProperty("count", shapes.size());
        rois.add("new", shapes);
        rois.add("modified", new JsonArray());
        rois.add("deleted", new JsonObject());
        rois.add("empty_rois", new JsonObject());
        JsonObject body = new JsonObject();
        body.addProperty("imageId", imageId);
        body.add("rois", rois);
        JsonObject r = client.post("iviewer/persist_rois/", new OmeroWebClient.Body("application/json",
                body.toString().getBytes(StandardCharsets.UTF_8)));
        if (r.has("errors") && !r.getAsJsonArray("errors").isEmpty()) {
            throw new RepositoryException(location + ": POST /iviewer/persist_rois/ for image " + imageId + ": "
                    + r.getAsJsonArray("errors").get(0).getAsString());
        }
        JsonObject ids = r.getAsJsonObject("ids");
        List<Long> out = new ArrayList<>();
        for (JsonElement shape : shapes) {
            String old = shape.getAsJsonObject().get("oldId").getAsString();
            if (ids == null || !ids.has(old)) {
                throw new RepositoryException(location + ": POST /iviewer/persist_rois/ for image " + imageId + ": shape " + old
                        + " was not saved");
            }
            out.add(Long.parseLong(ids.get(old).getAsString().split(":")[0]));
        }
        return out;
    }

    private void deleteRois(long imageId, List<Long> roiIds) throws RepositoryException {
        if (roiIds.isEmpty()) {
            return;
        }
        JsonObject empty = new JsonObject();
        for (long roi : roiIds) {
            empty.add(Long.toString(roi), new JsonArray());
        }
        JsonObject rois = new JsonObject();
        rois.add("new", new JsonArray());
        rois.add("modified", new JsonArray());
        rois.add("deleted", new JsonObject());
        rois.add("empty_rois", empty);
        JsonObject body = new JsonObject();
        body.addProperty("imageId", imageId);
        body.add("rois", rois);
        JsonObject r = client.post("iviewer/persist_rois/", new OmeroWebClient.Body("application/json",
                body.toString().getBytes(StandardCharsets.UTF_8)));
        if (r.has("errors") && !r.getAsJsonArray("errors").isEmpty()) {
            throw new RepositoryException(location + ": POST /iviewer/persist_rois/ (delete) for image " + imageId + ": "
                    + r.getAsJsonArray("errors").get(0).getAsString());
        }
    }

    // ---- clean -----------------------------------------------------------------------------------------

    @Override
    public int removeAll(String keyPrefix) throws RepositoryException {
        throw new RepositoryException(location + ": removing outputs from the whole server is not offered; give the dataset or images");
    }

    @Override
    public int remove(String keyPrefix, Owner owner, long id) throws RepositoryException {
        int removed = 0;
        for (MapAnn registry : maps(owner, id, REGISTRY + keyPrefix)) {
            deleteParts(owner, id, registry, List.of());
            deleteMap(owner, id, registry.id());
            removed++;
        }
        for (MapAnn pairs : maps(owner, id, PAIRS + keyPrefix)) {
            deleteMap(owner, id, pairs.id());
            removed++;
        }
        return removed;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
