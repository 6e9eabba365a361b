package org.omeroilastik.testing.omero;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import javax.net.ssl.SSLContext;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * An in-process OMERO.web that enforces what the real one does (facts in docs/omero-web.md):
 * CSRF token from /api/v0/token/ plus the csrftoken cookie on every POST, and on HTTPS a same-origin
 * Referer; the sessionid cookie; omero-marshal JSON with @type/@id; list paging with limit 200 by
 * default and 500 at most, meta.totalCount; objects visible only to members of their group; 403
 * {"message": "Not logged in"} without a session. On demand it drops connections, answers slowly,
 * expires sessions or serves broken answers.
 */
public final class OmeroWebDouble implements AutoCloseable {
    public static final String SCHEMA = "http://www.openmicroscopy.org/Schemas/OME/2016-06#";
    public static final int DEFAULT_LIMIT = 200;
    public static final int MAX_LIMIT = 500;
    private static final Gson GSON = new Gson();

    /** A user: password, groups. */
    public record User(long id, String name, String password, Set<Long> groups) {
    }

    /** One object of the hierarchy, with its marshalled JSON and its group. */
    public record Obj(String type, long id, long group, JsonObject json, List<Long> children) {
    }

    private final HttpServer server;
    private final boolean https;
    private final Map<String, User> users = new HashMap<>();
    private final Map<Long, String> groups = new LinkedHashMap<>();
    private final Map<String, Map<Long, Obj>> objects = new ConcurrentHashMap<>();
    private final Map<String, User> sessions = new ConcurrentHashMap<>();
    private final Set<String> csrfTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextId = new AtomicInteger(1);
    /** Raw pixels per image: planes in XYZCT order, samples big-endian (what omero-ms-pixel-buffer serves). */
    private final Map<Long, Planes> pixels = new ConcurrentHashMap<>();
    /** render_ome_tiff exports written so far (OMERO.web caches them and redirects to the static copy). */
    private final Map<Long, java.nio.file.Path> omeTiffs = new ConcurrentHashMap<>();
    private final java.util.Queue<String> requestLog = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile boolean offerPixelBuffer = true;
    private volatile boolean offerZarr = true;
    private volatile boolean offerOmeTiff = true;

    /**
     * An image's planes as big-endian samples, plane {@code index = (t * SizeC + c) * SizeZ + z} (XYZCT),
     * each SizeX × SizeY samples, rows first; computed on demand, so large images need not be held.
     */
    @FunctionalInterface
    public interface Planes {
        byte[] plane(int index);
    }
    /** Channel label, colour and emission wavelength set by tests, per image and channel index. */
    private final Map<Long, Map<Integer, JsonObject>> channelSettings = new ConcurrentHashMap<>();
    private final Map<Long, Integer> bytesServedPerSample = new ConcurrentHashMap<>();
    /** Annotations: map or file, linked to "image-ID" / "dataset-ID" objects. */
    public record Annotation(long id, String kind, String ns, JsonArray values, String fileName, byte[] content, Set<String> links) {
    }

    private final Map<Long, Annotation> annotations = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger logins = new AtomicInteger();
    private final SplittableRandom random = new SplittableRandom(42);
    private volatile double dropRate;
    private volatile int slowMillis;
    private volatile int expireSessionsAtRequest = -1;
    private volatile Predicate<String> htmlFor = path -> false;
    private volatile Predicate<String> brokenJsonFor = path -> false;

    static {
        // The JDK server writes a response's headers and body separately; without TCP_NODELAY a small
        // answer (a compressed chunk) then waits for the client's delayed ACK, about 40 ms per request.
        // nginx and gunicorn in front of OMERO.web set TCP_NODELAY. Read once, when the server class loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    public OmeroWebDouble(SSLContext tls) throws IOException {
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 0);
        if (tls != null) {
            HttpsServer s = HttpsServer.create(local, 0);
            s.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = s;
        } else {
            server = HttpServer.create(local, 0);
        }
        https = tls != null;
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    public URI uri() {
        return URI.create((https ? "https://localhost:" : "http://localhost:") + server.getAddress().getPort() + "/");
    }

    // ---- content -------------------------------------------------------------------------------------

    public long group(String name) {
        long id = nextId.getAndIncrement();
        groups.put(id, name);
        return id;
    }

    public void user(String name, String password, Long... memberOf) {
        users.put(name, new User(nextId.getAndIncrement(), name, password, Set.of(memberOf)));
    }

    public long project(long group, String name) {
        return add("Project", group, name, null);
    }

    public long dataset(long group, String name, Long projectId) {
        long id = add("Dataset", group, name, null);
        if (projectId != null) {
            objects.get("Project").get(projectId).children().add(id);
        }
        return id;
    }

    public long screen(long group, String name) {
        return add("Screen", group, name, null);
    }

    public long plate(long group, String name, long screenId, int rows, int columns) {
        JsonObject extra = new JsonObject();
        extra.addProperty("Rows", rows);
        extra.addProperty("Columns", columns);
        long id = add("Plate", group, name, extra);
        objects.get("Screen").get(screenId).children().add(id);
        return id;
    }

    /** An image with its Pixels as omero-marshal encodes them; linked to a dataset unless null. */
    public long image(long group, String name, Long datasetId, int x, int y, int z, int c, int t, String type, Double micronsPerPixel) {
        JsonObject pixels = new JsonObject();
        pixels.addProperty("@type", SCHEMA + "Pixels");
        pixels.addProperty("@id", nextId.getAndIncrement());
        pixels.addProperty("SizeX", x);
        pixels.addProperty("SizeY", y);
        pixels.addProperty("SizeZ", z);
        pixels.addProperty("SizeC", c);
        pixels.addProperty("SizeT", t);
        JsonObject pt = new JsonObject();
        pt.addProperty("@type", "TBD#PixelsType");
        pt.addProperty("value", type);
        pixels.add("Type", pt);
        JsonObject order = new JsonObject();
        order.addProperty("@type", "TBD#DimensionOrder");
        order.addProperty("value", "XYZCT");
        pixels.add("DimensionOrder", order);
        if (micronsPerPixel != null) {
            for (String k : List.of("PhysicalSizeX", "PhysicalSizeY")) {
                JsonObject u = new JsonObject();
                u.addProperty("@type", "TBD#LengthI");
                u.addProperty("Unit", "MICROMETER");
                u.addProperty("Symbol", "\u00b5m");
                u.addProperty("Value", micronsPerPixel);
                pixels.add(k, u);
            }
        }
        JsonObject extra = new JsonObject();
        extra.add("Pixels", pixels);
        long id = add("Image", group, name, extra);
        if (datasetId != null) {
            objects.get("Dataset").get(datasetId).children().add(id);
        }
        return id;
    }

    public long well(long plateId, int row, int column, long... fieldImages) {
        Obj plate = objects.get("Plate").get(plateId);
        JsonObject extra = new JsonObject();
        extra.addProperty("Row", row);
        extra.addProperty("Column", column);
        JsonArray samples = new JsonArray();
        for (long image : fieldImages) {
            JsonObject ws = new JsonObject();
            ws.addProperty("@type", SCHEMA + "WellSample");
            ws.addProperty("@id", nextId.getAndIncrement());
            JsonObject img = objects.get("Image").get(image).json().deepCopy();
            img.remove("Pixels");
            ws.add("Image", img);
            samples.add(ws);
        }
        extra.add("WellSamples", samples);
        long id = add("Well", plate.group(), null, extra);
        plate.children().add(id);
        return id;
    }

    /** A ROI with one polygon shape ("x,y x,y ..."). */
    public long roi(long imageId, String points, int z, int t) {
        Obj image = objects.get("Image").get(imageId);
        JsonObject shape = new JsonObject();
        shape.addProperty("@type", SCHEMA + "Polygon");
        shape.addProperty("@id", nextId.getAndIncrement());
        shape.addProperty("Points", points);
        shape.addProperty("TheZ", z);
        shape.addProperty("TheT", t);
        JsonObject extra = new JsonObject();
        JsonArray shapes = new JsonArray();
        shapes.add(shape);
        extra.add("shapes", shapes);
        long id = add("ROI", image.group(), null, extra);
        image.children().add(id);
        return id;
    }

    private long add(String type, long group, String name, JsonObject extra) {
        long id = nextId.getAndIncrement();
        JsonObject o = new JsonObject();
        o.addProperty("@id", id);
        o.addProperty("@type", SCHEMA + type);
        if (name != null) {
            o.addProperty("Name", name);
        }
        if (extra != null) {
            extra.entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
        }
        JsonObject details = new JsonObject();
        details.addProperty("@type", "TBD#Details");
        JsonObject g = new JsonObject();
        g.addProperty("@id", group);
        g.addProperty("@type", SCHEMA + "ExperimenterGroup");
        g.addProperty("Name", groups.get(group));
        details.add("group", g);
        o.add("omero:details", details);
        objects.computeIfAbsent(type, k -> new ConcurrentHashMap<>()).put(id, new Obj(type, id, group, o, new java.util.concurrent.CopyOnWriteArrayList<>()));
        return id;
    }

    /** The image's raw pixels: planes ordered z fastest, then c, then t (XYZCT), big-endian samples. */
    public void pixels(long imageId, byte[] bigEndianXyzct) {
        JsonObject p = objects.get("Image").get(imageId).json().getAsJsonObject("Pixels");
        long expected = (long) p.get("SizeX").getAsInt() * p.get("SizeY").getAsInt() * p.get("SizeZ").getAsInt() * p.get("SizeC").getAsInt()
                * p.get("SizeT").getAsInt() * bytesPerSample(p.getAsJsonObject("Type").get("value").getAsString());
        if (bigEndianXyzct.length != expected) {
            throw new IllegalArgumentException(bigEndianXyzct.length + " bytes for an image of " + expected);
        }
        byte[] all = bigEndianXyzct.clone();
        int planeBytes = (int) (expected / ((long) p.get("SizeZ").getAsInt() * p.get("SizeC").getAsInt() * p.get("SizeT").getAsInt()));
        pixels.put(imageId, i -> java.util.Arrays.copyOfRange(all, i * planeBytes, (i + 1) * planeBytes));
    }

    /** The image's raw pixels plane by plane, computed when asked for (a large image without its copy in memory). */
    public void pixels(long imageId, Planes planes) {
        objects.get("Image").get(imageId).json().getAsJsonObject("Pixels");
        pixels.put(imageId, planes);
    }

    /** Whether omero-ms-pixel-buffer answers under /tile/ (OPTIONS and tiles); else 404 there, as without the service. */
    /** Names a channel (its label in imgData), with its display colour RRGGBB and emission wavelength (nm, or null). */
    public void channel(long imageId, int index, String label, String colour, Double emissionWave) {
        JsonObject c = new JsonObject();
        c.addProperty("label", label);
        c.addProperty("color", colour);
        c.addProperty("emissionWave", emissionWave);
        channelSettings.computeIfAbsent(imageId, k -> new ConcurrentHashMap<>()).put(index, c);
    }

    public void offerPixelBuffer(boolean on) {
        offerPixelBuffer = on;
    }

    /** Whether the omero-web-zarr plug-in is installed (/zarr/v0.4/image/ID.zarr/...); else 404. */
    public void offerZarr(boolean on) {
        offerZarr = on;
    }

    /** Whether /webgateway/render_ome_tiff/i/ID/ exports; else 404, as OMERO.web answers for an image that needs a pyramid. */
    public void offerOmeTiff(boolean on) {
        offerOmeTiff = on;
    }

    /** The paths (with query) of the requests so far whose path starts with {@code prefix}, oldest first. */
    public List<String> requestLog(String prefix) {
        return requestLog.stream().filter(r -> r.startsWith(prefix)).toList();
    }

    public void clearRequestLog() {
        requestLog.clear();
    }

    private static int bytesPerSample(String type) {
        return switch (type) {
            case "int8", "uint8" -> 1;
            case "int16", "uint16" -> 2;
            case "int32", "uint32", "float" -> 4;
            default -> 8;
        };
    }

    /** Serves this image's tiles with another sample size than its pixel type has (a broken server). */
    public void servePixelsWithSampleSize(long imageId, int bytes) {
        bytesServedPerSample.put(imageId, bytes);
    }

    /** Annotations linked to an object ("image-7", "dataset-2"). */
    public List<Annotation> annotationsOf(String object) {
        return annotations.values().stream().filter(a -> a.links().contains(object)).sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
    }

    /** How many ROIs an image has. */
    public int roiCount(long imageId) {
        Obj image = objects.get("Image").get(imageId);
        return (int) image.children().stream().filter(c -> objects.getOrDefault("ROI", Map.of()).containsKey(c)).count();
    }

    // ---- faults ----------------------------------------------------------------------------------------

    /** Closes this share of connections without an answer (seeded, so runs repeat). */
    public void dropConnections(double rate) {
        dropRate = rate;
    }

    public void slowDown(int millis) {
        slowMillis = millis;
    }

    /** Every session ends when the request with this number (counted from now) arrives. */
    public void expireSessionsAfter(int requestsFromNow) {
        expireSessionsAtRequest = requests.get() + requestsFromNow;
    }

    public void serveHtmlFor(Predicate<String> paths) {
        htmlFor = paths;
    }

    public void serveBrokenJsonFor(Predicate<String> paths) {
        brokenJsonFor = paths;
    }

    private synchronized boolean drop() {
        return dropRate > 0 && random.nextDouble() < dropRate;
    }

    public int requests() {
        return requests.get();
    }

    public int logins() {
        return logins.get();
    }

    // ---- protocol --------------------------------------------------------------------------------------

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            int n = requests.incrementAndGet();
            if (n == expireSessionsAtRequest) {
                sessions.clear();
            }
            String path = ex.getRequestURI().getPath();
            requestLog.add(path + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery()));
            if (!path.equals("/api/v0/login/") && drop()) {
                return; // closed without a status line: the client sees a dropped connection
            }
            if (slowMillis > 0) {
                Thread.sleep(slowMillis);
            }
            if (htmlFor.test(path)) {
                send(ex, 500, "text/html; charset=utf-8", "<html><body><h1>Server Error (500)</h1></body></html>");
                return;
            }
            if (brokenJsonFor.test(path)) {
                send(ex, 200, "application/json", "{\"data\": [{\"@id\": 1, ");
                return;
            }
            route(ex, path, query(ex.getRequestURI().getRawQuery()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            send(ex, 500, "application/json", "{\"message\": " + GSON.toJson(String.valueOf(e)) + "}");
        }
    }

    private void route(HttpExchange ex, String path, Map<String, String> q) throws IOException {
        String method = ex.getRequestMethod();
        if (path.equals("/api/v0/token/")) {
            String token = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
            csrfTokens.add(token);
            ex.getResponseHeaders().add("Set-Cookie", "csrftoken=" + token + "; Path=/; SameSite=Lax");
            json(ex, 200, "{\"data\": \"" + token + "\"}");
            return;
        }
        if (path.equals("/api/v0/servers/")) {
            json(ex, 200, "{\"data\": [{\"id\": 1, \"host\": \"localhost\", \"port\": 4064, \"server\": \"omero\"}]}");
            return;
        }
        if (!Set.of("GET", "HEAD", "OPTIONS", "TRACE").contains(method)) { // Django's safe methods need no CSRF token
            String csrf = csrfFailure(ex);
            if (csrf != null) {
                json(ex, 403, "{\"message\": " + GSON.toJson("CSRF Failed: " + csrf) + "}");
                return;
            }
        }
        if (path.equals("/api/v0/login/")) {
            if (!"POST".equals(method)) {
                json(ex, 405, "{\"message\": \"POST only with username, password, server and csrftoken\"}");
                return;
            }
            Map<String, String> form = query(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            User u = users.get(form.getOrDefault("username", ""));
            if (!"1".equals(form.get("server")) || u == null || !u.password().equals(form.get("password"))) {
                json(ex, 403, "{\"message\": \"Connection not available, please check your user name and password.\"}");
                return;
            }
            String session = UUID.randomUUID().toString().replace("-", "");
            sessions.put(session, u);
            logins.incrementAndGet();
            ex.getResponseHeaders().add("Set-Cookie", "sessionid=" + session + "; HttpOnly; Path=/; SameSite=Lax");
            JsonObject ctx = new JsonObject();
            ctx.addProperty("userId", u.id());
            ctx.addProperty("userName", u.name());
            ctx.addProperty("sessionUuid", UUID.randomUUID().toString());
            long first = u.groups().stream().mapToLong(Long::longValue).min().orElse(-1);
            ctx.addProperty("groupId", first);
            ctx.add("memberOfGroups", GSON.toJsonTree(u.groups()));
            ctx.addProperty("isAdmin", false);
            JsonObject out = new JsonObject();
            out.addProperty("success", true);
            out.add("eventContext", ctx);
            json(ex, 200, out.toString());
            return;
        }
        if (path.equals("/webclient/logout/") && "POST".equals(method)) {
            String s = cookie(ex, "sessionid");
            if (s != null) {
                sessions.remove(s);
            }
            ex.getResponseHeaders().add("Location", "/webclient/login/");
            send(ex, 302, "text/html", "");
            return;
        }
        User user = sessions.get(String.valueOf(cookie(ex, "sessionid")));
        if (path.equals("/webclient/keepalive_ping/")) {
            // login_required(ignore_login_fail=True): 200 either way, the body tells.
            send(ex, 200, "text/plain", user != null ? "OK" : "Connection Failed");
            return;
        }
        if (user != null && path.equals("/iviewer/persist_rois/") && "POST".equals(method)) {
            persistRois(ex, user);
            return;
        }
        if (user != null && path.equals("/webclient/annotate_map/") && "POST".equals(method)) {
            annotateMap(ex, query(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            return;
        }
        if (user != null && path.equals("/webclient/annotate_file/") && "POST".equals(method)) {
            annotateFile(ex, q);
            return;
        }
        if (user != null && path.equals("/webclient/api/annotations/")) {
            listAnnotations(ex, q);
            return;
        }
        if (user != null && path.startsWith("/webclient/action/delete/file/") && "POST".equals(method)) {
            long id = Long.parseLong(path.replaceAll("\\D+", ""));
            json(ex, 200, annotations.remove(id) != null ? "{\"bad\": \"false\"}" : "{\"bad\": \"true\", \"errs\": \"not found\"}");
            return;
        }
        if (user != null && path.matches("/webclient/annotation/\\d+/") && "GET".equals(method)) {
            // download_annotation: the file's bytes as a forced download; a missing one is handlerInternalError's 500 page.
            Annotation a = annotations.get(Long.parseLong(path.replaceAll("\\D+", "")));
            if (a == null || !"file".equals(a.kind())) {
                send(ex, 500, "text/html", "<h1>Internal Server Error</h1><p>Annotation does not exist (id:" + path.replaceAll("\\D+", "")
                        + ").</p>");
                return;
            }
            ex.getResponseHeaders().add("Content-Disposition", "attachment; filename=" + a.fileName().replace(" ", "_"));
            send(ex, 200, "application/force-download", a.content());
            return;
        }
        if (path.startsWith("/static/webgateway/tfiles/")) {
            // Static files need no session (OMERO.web redirects cached OME-TIFF exports here).
            long id = Long.parseLong(path.split("/")[4]);
            java.nio.file.Path file = omeTiffs.get(id);
            if (file == null) {
                send(ex, 404, "text/html", "<h1>Not Found</h1>");
                return;
            }
            send(ex, 200, "image/tiff", java.nio.file.Files.readAllBytes(file));
            return;
        }
        if (user == null && (path.startsWith("/webclient/") || path.startsWith("/iviewer/") || path.startsWith("/webgateway/")
                || path.startsWith("/zarr/"))) {
            ex.getResponseHeaders().add("Location", "/webclient/login/?url=" + path);
            send(ex, 302, "text/html", "");
            return;
        }
        if (path.startsWith("/tile/") && !offerPixelBuffer) {
            send(ex, 404, "text/html", "<h1>Not Found</h1><p>The requested resource was not found on this server.</p>");
            return;
        }
        if (path.startsWith("/tile") && "OPTIONS".equals(method)) {
            // omero-ms-core answers OPTIONS before its session check.
            json(ex, 200, "{\"provider\": \"PixelBufferMicroservice\", \"version\": \"0.0-double\", \"features\": []}");
            return;
        }
        if (path.startsWith("/zarr/v0.4/image/")) {
            zarr(ex, user, path.substring("/zarr/v0.4/image/".length()));
            return;
        }
        if (path.startsWith("/webgateway/render_ome_tiff/i/")) {
            omeTiff(ex, user, path.substring("/webgateway/render_ome_tiff/i/".length()).replace("/", ""));
            return;
        }
        if (user != null && path.startsWith("/webgateway/render_thumbnail/")) {
            thumbnail(ex, user, path.substring("/webgateway/render_thumbnail/".length()).split("/"));
            return;
        }
        if (path.startsWith("/webgateway/imgData/")) {
            imgData(ex, user, path.substring("/webgateway/imgData/".length()).split("/"));
            return;
        }
        if (path.startsWith("/webgateway/render_image/")) {
            renderImage(ex, user, path.substring("/webgateway/render_image/".length()).split("/"), q);
            return;
        }
        if (path.startsWith("/tile/")) {
            if (user == null) {
                send(ex, 403, "text/plain", ""); // omero-ms-core: an unknown session gets an empty 403
                return;
            }
            tile(ex, user, path.substring("/tile/".length()).split("/"), q);
            return;
        }
        if (path.startsWith("/api/v0/m/")) {
            if (user == null) {
                json(ex, 403, "{\"message\": \"Not logged in\"}");
                return;
            }
            api(ex, user, path.substring("/api/v0/m/".length()), q);
            return;
        }
        send(ex, 404, "text/html", "<h1>Not Found</h1><p>The requested resource was not found on this server.</p>");
    }

    /** iviewer's persist_rois: each new shape becomes its own ROI; empty_rois deletes whole ROIs. */
    private void persistRois(HttpExchange ex, User user) throws IOException {
        JsonObject body = GSON.fromJson(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), JsonObject.class);
        long imageId = body.get("imageId").getAsLong();
        Obj image = objects.getOrDefault("Image", Map.of()).get(imageId);
        if (image == null || !user.groups().contains(image.group())) {
            json(ex, 200, "{\"errors\": [\"Could not find associated image!\"]}");
            return;
        }
        JsonObject rois = body.getAsJsonObject("rois");
        JsonObject ids = new JsonObject();
        if (rois.has("new")) {
            for (var e : rois.getAsJsonArray("new")) {
                JsonObject shape = e.getAsJsonObject().deepCopy();
                String old = shape.remove("oldId").getAsString();
                long shapeId = nextId.getAndIncrement();
                shape.addProperty("@id", shapeId);
                JsonObject extra = new JsonObject();
                JsonArray shapes = new JsonArray();
                shapes.add(shape);
                extra.add("shapes", shapes);
                long roiId = add("ROI", image.group(), null, extra);
                synchronized (image.children()) {
                    image.children().add(roiId);
                }
                ids.addProperty(old, roiId + ":" + shapeId);
            }
        }
        if (rois.has("empty_rois")) {
            for (String roi : rois.getAsJsonObject("empty_rois").keySet()) {
                long id = Long.parseLong(roi);
                objects.getOrDefault("ROI", Map.of()).remove(id);
                synchronized (image.children()) {
                    image.children().remove(id);
                }
                ids.addProperty(roi, roi);
            }
        }
        JsonObject out = new JsonObject();
        out.add("ids", ids);
        json(ex, 200, out.toString());
    }

    private void annotateMap(HttpExchange ex, Map<String, String> form) throws IOException {
        String link = form.containsKey("image") ? "image-" + form.get("image") : form.containsKey("dataset") ? "dataset-" + form.get("dataset") : null;
        if (!form.containsKey("mapAnnotation")) {
            send(ex, 500, "text/html", "<h1>Server Error (500)</h1>");
            return;
        }
        JsonArray values = GSON.fromJson(form.get("mapAnnotation"), JsonArray.class);
        String ns = form.getOrDefault("ns", "openmicroscopy.org/omero/client/mapAnnotation");
        if (form.containsKey("annId")) {
            long id = Long.parseLong(form.get("annId"));
            Annotation a = annotations.get(id);
            if (values.isEmpty()) {
                annotations.remove(id);
                json(ex, 200, "{\"annId\": null}");
                return;
            }
            annotations.put(id, new Annotation(id, "map", a.ns(), values, null, null, a.links()));
            json(ex, 200, "{\"annId\": [" + id + "]}");
            return;
        }
        if (link == null) {
            send(ex, 404, "text/plain", "Need to specify objects");
            return;
        }
        long id = nextId.getAndIncrement();
        annotations.put(id, new Annotation(id, "map", ns, values, null, null, Set.of(link)));
        json(ex, 200, "{\"annId\": [" + id + "]}");
    }

    /** annotate_file: object ids from the query string, the upload in part "annotation_file". */
    private void annotateFile(HttpExchange ex, Map<String, String> q) throws IOException {
        String link = q.containsKey("image") ? "image-" + q.get("image") : q.containsKey("dataset") ? "dataset-" + q.get("dataset") : null;
        if (link == null) {
            send(ex, 404, "text/plain", "Need to specify objects via e.g. ?image=1");
            return;
        }
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        byte[] body = ex.getRequestBody().readAllBytes();
        String boundary = type == null || !type.contains("boundary=") ? null : type.substring(type.indexOf("boundary=") + 9);
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int part = boundary == null ? -1 : text.indexOf("name=\"annotation_file\"");
        if (part < 0) {
            send(ex, 200, "text/html", "<ul class=\"errorlist\"><li>annotation_file<ul><li>This field is required.</li></ul></li></ul>");
            return;
        }
        int nameAt = text.indexOf("filename=\"", part) + 10;
        String fileName = text.substring(nameAt, text.indexOf('"', nameAt));
        int start = text.indexOf("\r\n\r\n", part) + 4;
        int end = text.indexOf("\r\n--" + boundary, start);
        byte[] content = java.util.Arrays.copyOfRange(body, start, end);
        long id = nextId.getAndIncrement();
        annotations.put(id, new Annotation(id, "file", null, null, fileName, content, Set.of(link)));
        json(ex, 200, "{\"fileIds\": [" + id + "]}");
    }

    private void listAnnotations(HttpExchange ex, Map<String, String> q) throws IOException {
        String link = q.containsKey("image") ? "image-" + q.get("image") : "dataset-" + q.get("dataset");
        JsonArray out = new JsonArray();
        for (Annotation a : annotationsOf(link)) {
            if (q.containsKey("type") && !q.get("type").equals(a.kind())) {
                continue;
            }
            JsonObject o = new JsonObject();
            o.addProperty("id", a.id());
            o.addProperty("ns", a.ns());
            o.addProperty("class", a.kind().equals("map") ? "MapAnnotationI" : "FileAnnotationI");
            if (a.kind().equals("map")) {
                o.add("values", a.values());
            } else {
                JsonObject f = new JsonObject();
                f.addProperty("name", a.fileName());
                f.addProperty("size", a.content().length);
                o.add("file", f);
            }
            out.add(o);
        }
        JsonObject r = new JsonObject();
        r.add("annotations", out);
        r.add("experimenters", new JsonArray());
        json(ex, 200, r.toString());
    }

    /** omero-ms-pixel-buffer: GET /tile/{image}/{z}/{c}/{t}?x=&y=&w=&h= → raw big-endian samples. */
    private void tile(HttpExchange ex, User user, String[] p, Map<String, String> q) throws IOException {
        Obj image;
        int z;
        int c;
        int t;
        int x;
        int y;
        int w;
        int h;
        try {
            image = objects.getOrDefault("Image", Map.of()).get(Long.parseLong(p[0]));
            z = Integer.parseInt(p[1]);
            c = Integer.parseInt(p[2]);
            t = Integer.parseInt(p[3]);
            x = Integer.parseInt(q.getOrDefault("x", "0"));
            y = Integer.parseInt(q.getOrDefault("y", "0"));
            w = Integer.parseInt(q.getOrDefault("w", "0"));
            h = Integer.parseInt(q.getOrDefault("h", "0"));
        } catch (RuntimeException e) {
            send(ex, 400, "text/plain", "Bad request: " + e.getMessage());
            return;
        }
        if (image == null || !user.groups().contains(image.group()) || !pixels.containsKey(image.id())) {
            send(ex, 404, "text/plain", "Cannot find Image:" + p[0]);
            return;
        }
        JsonObject px = image.json().getAsJsonObject("Pixels");
        int sx = px.get("SizeX").getAsInt(), sy = px.get("SizeY").getAsInt(), sz = px.get("SizeZ").getAsInt(), sc = px.get("SizeC").getAsInt();
        int st = px.get("SizeT").getAsInt();
        int bps = bytesPerSample(px.getAsJsonObject("Type").get("value").getAsString());
        w = w == 0 ? sx : w;
        h = h == 0 ? sy : h;
        if (z >= sz || c >= sc || t >= st || x < 0 || y < 0 || x + w > sx || y + h > sy) {
            send(ex, 400, "text/plain", "Tile out of bounds");
            return;
        }
        byte[] all = pixels.get(image.id()).plane((t * sc + c) * sz + z);
        int served = bytesServedPerSample.getOrDefault(image.id(), bps);
        byte[] out = new byte[w * h * served];
        for (int row = 0; row < h; row++) {
            if (served == bps) {
                System.arraycopy(all, ((y + row) * sx + x) * bps, out, row * w * bps, w * bps);
                continue;
            }
            for (int col = 0; col < w; col++) {
                int from = ((y + row) * sx + x + col) * bps;
                System.arraycopy(all, from, out, (row * w + col) * served, Math.min(bps, served));
            }
        }
        send(ex, 200, "application/octet-stream", out);
    }

    /** An image with pixels the user may see, or null. */
    private Obj imageWithPixels(User user, String id) {
        try {
            Obj image = objects.getOrDefault("Image", Map.of()).get(Long.parseLong(id));
            return image != null && user.groups().contains(image.group()) && pixels.containsKey(image.id()) ? image : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String numpy(String type) {
        return switch (type) {
            case "int8" -> "|i1";
            case "uint8" -> "|u1";
            case "int16" -> "<i2";
            case "uint16" -> "<u2";
            case "int32" -> "<i4";
            case "uint32" -> "<u4";
            case "float" -> "<f4";
            default -> "<f8";
        };
    }

    /**
     * omero-web-zarr: {@code .zattrs} (NGFF 0.4 multiscales, axes t, c, z, y, x of size above 1, y and x
     * always, plus an omero block), {@code .zgroup}, {@code 0/.zarray} (one plane per chunk, little-endian,
     * zlib as numcodecs writes it, separator "/") and chunks {@code 0/i/j/.../y/x} with one index per axis.
     */
    private void zarr(HttpExchange ex, User user, String rest) throws IOException {
        int dot = rest.indexOf(".zarr/");
        Obj image = !offerZarr || dot < 0 ? null : imageWithPixels(user, rest.substring(0, dot));
        if (image == null) {
            send(ex, 404, "text/html", "<h1>Not Found</h1><p>The requested resource was not found on this server.</p>");
            return;
        }
        String key = rest.substring(dot + ".zarr/".length());
        JsonObject px = image.json().getAsJsonObject("Pixels");
        int[] size = {px.get("SizeT").getAsInt(), px.get("SizeC").getAsInt(), px.get("SizeZ").getAsInt(), px.get("SizeY").getAsInt(),
                px.get("SizeX").getAsInt()};
        String type = px.getAsJsonObject("Type").get("value").getAsString();
        List<Integer> dims = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            if (size[i] > 1 || i >= 3) {
                dims.add(i);
            }
        }
        switch (key) {
            case ".zgroup" -> json(ex, 200, "{\"zarr_format\": 2}");
            case ".zattrs" -> {
                JsonArray axes = new JsonArray();
                JsonArray scale = new JsonArray();
                for (int i : dims) {
                    JsonObject a = new JsonObject();
                    a.addProperty("name", String.valueOf("tczyx".charAt(i)));
                    a.addProperty("type", i == 0 ? "time" : i == 1 ? "channel" : "space");
                    double s = 1;
                    if (i >= 3 && px.has("PhysicalSize" + (i == 3 ? "Y" : "X"))) {
                        a.addProperty("unit", "micrometer");
                        s = px.getAsJsonObject("PhysicalSize" + (i == 3 ? "Y" : "X")).get("Value").getAsDouble();
                    }
                    axes.add(a);
                    scale.add(s);
                }
                JsonObject transform = new JsonObject();
                transform.addProperty("type", "scale");
                transform.add("scale", scale);
                JsonArray transforms = new JsonArray();
                transforms.add(transform);
                JsonObject dataset = new JsonObject();
                dataset.addProperty("path", "0");
                dataset.add("coordinateTransformations", transforms);
                JsonArray datasets = new JsonArray();
                datasets.add(dataset);
                JsonObject m = new JsonObject();
                m.add("datasets", datasets);
                m.addProperty("version", "0.4");
                m.add("axes", axes);
                JsonArray ms = new JsonArray();
                ms.add(m);
                JsonObject omero = new JsonObject();
                omero.addProperty("id", image.id());
                omero.add("channels", new JsonArray());
                JsonObject attrs = new JsonObject();
                attrs.add("multiscales", ms);
                attrs.add("omero", omero);
                json(ex, 200, attrs.toString());
            }
            case "0/.zarray" -> {
                JsonArray shape = new JsonArray();
                JsonArray chunks = new JsonArray();
                for (int i : dims) {
                    shape.add(size[i]);
                    chunks.add(i >= 3 ? size[i] : 1);
                }
                JsonObject compressor = new JsonObject();
                compressor.addProperty("id", "zlib");
                compressor.addProperty("level", 1);
                JsonObject a = new JsonObject();
                a.add("chunks", chunks);
                a.add("compressor", compressor);
                a.addProperty("dtype", numpy(type));
                a.addProperty("fill_value", 0);
                a.add("filters", null);
                a.addProperty("order", "C");
                a.add("shape", shape);
                a.addProperty("zarr_format", 2);
                a.addProperty("dimension_separator", "/");
                json(ex, 200, GSON.newBuilder().serializeNulls().create().toJson(a));
            }
            default -> {
                String[] parts = key.split("/");
                int[] at = new int[5];
                boolean ok = parts.length == dims.size() + 1 && parts[0].equals("0");
                for (int k = 0; ok && k < dims.size(); k++) {
                    try {
                        int i = dims.get(k);
                        at[i] = Integer.parseInt(parts[k + 1]);
                        ok = at[i] >= 0 && at[i] < (i >= 3 ? 1 : size[i]);
                    } catch (NumberFormatException e) {
                        ok = false;
                    }
                }
                if (!ok) {
                    send(ex, 404, "text/html", "<h1>Not Found</h1>");
                    return;
                }
                byte[] plane = pixels.get(image.id()).plane((at[0] * size[1] + at[1]) * size[2] + at[2]);
                int bps = bytesPerSample(type);
                byte[] little = new byte[plane.length];
                for (int i = 0; i < plane.length; i += bps) {
                    for (int b = 0; b < bps; b++) {
                        little[i + b] = plane[i + bps - 1 - b];
                    }
                }
                java.util.zip.Deflater deflater = new java.util.zip.Deflater(1);
                deflater.setInput(little);
                deflater.finish();
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(little.length / 2 + 64);
                byte[] buf = new byte[1 << 16];
                while (!deflater.finished()) {
                    out.write(buf, 0, deflater.deflate(buf));
                }
                deflater.end();
                ex.getResponseHeaders().add("Content-Disposition", "attachment; filename=" + key.substring(2).replace('/', '.'));
                send(ex, 200, "application/octet-stream", out.toByteArray());
            }
        }
    }

    /** The image's pixels as a t, z, y, x, c box (sizes above 1; y and x always), as our readers order them. */
    private org.omeroilastik.image.io.NdImage ndImage(Obj image) {
        JsonObject px = image.json().getAsJsonObject("Pixels");
        int sx = px.get("SizeX").getAsInt(), sy = px.get("SizeY").getAsInt(), sz = px.get("SizeZ").getAsInt(), sc = px.get("SizeC").getAsInt();
        int st = px.get("SizeT").getAsInt();
        String type = px.getAsJsonObject("Type").get("value").getAsString();
        org.omeroilastik.model.PixelType pt = switch (type) {
            case "float" -> org.omeroilastik.model.PixelType.FLOAT32;
            case "double" -> org.omeroilastik.model.PixelType.FLOAT64;
            default -> org.omeroilastik.model.PixelType.integer(bytesPerSample(type), !type.startsWith("u"));
        };
        StringBuilder axes = new StringBuilder();
        List<Long> shape = new ArrayList<>();
        if (st > 1) {
            axes.append('t');
            shape.add((long) st);
        }
        if (sz > 1) {
            axes.append('z');
            shape.add((long) sz);
        }
        axes.append("yx");
        shape.add((long) sy);
        shape.add((long) sx);
        if (sc > 1) {
            axes.append('c');
            shape.add((long) sc);
        }
        int n = sx * sy * sz * sc * st;
        int bps = bytesPerSample(type);
        Object array = switch (bps) {
            case 1 -> new byte[n];
            case 2 -> new short[n];
            case 4 -> type.equals("float") ? new float[n] : new int[n];
            default -> new double[n];
        };
        Planes planes = pixels.get(image.id());
        for (int t = 0; t < st; t++) {
            for (int z = 0; z < sz; z++) {
                for (int c = 0; c < sc; c++) {
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(planes.plane((t * sc + c) * sz + z));
                    for (int i = 0; i < sx * sy; i++) {
                        int at = ((t * sz + z) * sx * sy + i) * sc + c;
                        switch (array) {
                            case byte[] a -> a[at] = b.get(i);
                            case short[] a -> a[at] = b.getShort(2 * i);
                            case float[] a -> a[at] = b.getFloat(4 * i);
                            case int[] a -> a[at] = b.getInt(4 * i);
                            case double[] a -> a[at] = b.getDouble(8 * i);
                            default -> throw new IllegalStateException();
                        }
                    }
                }
            }
        }
        org.omeroilastik.model.ImageDescriptor d = new org.omeroilastik.model.ImageDescriptor(org.omeroilastik.model.AxisOrder.of(axes.toString()),
                shape.stream().mapToLong(Long::longValue).toArray(), pt);
        return org.omeroilastik.image.io.NdImages.wrap(d, array);
    }

    /**
     * render_ome_tiff for one image: the OME-TIFF our TIFF format writes; later requests are redirected to
     * the cached copy under /static/, as OMERO.web does. 404 when switched off (an image that needs a pyramid).
     */
    private void omeTiff(HttpExchange ex, User user, String id) throws IOException {
        Obj image = offerOmeTiff ? imageWithPixels(user, id) : null;
        if (image == null) {
            send(ex, 404, "text/html", "<h1>Not Found</h1>");
            return;
        }
        java.nio.file.Path cached = omeTiffs.get(image.id());
        if (cached != null) {
            ex.getResponseHeaders().add("Location", "/static/webgateway/tfiles/" + image.id() + "/" + cached.getFileName());
            send(ex, 302, "text/html", "");
            return;
        }
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("omero-web-double-tiff");
        java.nio.file.Path file = dir.resolve("image" + image.id() + ".ome.tif");
        org.omeroilastik.image.io.ImageFormat tiff = org.omeroilastik.testing.Services.get(org.omeroilastik.image.io.ImageFormats.class)
                .byId("tiff").orElseThrow();
        tiff.write(ndImage(image), org.omeroilastik.image.io.ImageTarget.of(file));
        file.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        omeTiffs.put(image.id(), file);
        ex.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"");
        send(ex, 200, "image/tiff", java.nio.file.Files.readAllBytes(file));
    }

    /**
     * webgateway's imgData (omeroweb.webgateway.marshal.imageMarshal): id, meta, size, pixel_size (µm),
     * tiles false, pixel_range, and per channel label (OMERO's default: the emission wavelength, else the
     * index), color, window {min, max, start, end} (the pixel type's range, as render_image's default) and
     * emissionWave; rdefs. 404 with an HTML page for an image the user cannot see, as Django answers.
     */
    private void imgData(HttpExchange ex, User user, String[] p) throws IOException {
        Obj image = p.length < 1 ? null : imageWithPixels(user, p[0]);
        if (image == null) {
            send(ex, 404, "text/html", "<h1>Not Found</h1><p>Image not found</p>");
            return;
        }
        JsonObject px = image.json().getAsJsonObject("Pixels");
        String type = px.getAsJsonObject("Type").get("value").getAsString();
        int sizeC = px.get("SizeC").getAsInt();
        double[] range = typeRange(type);
        JsonObject rv = new JsonObject();
        rv.addProperty("id", image.id());
        JsonObject meta = new JsonObject();
        meta.addProperty("imageName", image.json().get("Name").getAsString());
        meta.addProperty("imageId", image.id());
        meta.addProperty("pixelsType", type);
        rv.add("meta", meta);
        rv.addProperty("tiles", false);
        JsonObject size = new JsonObject();
        size.addProperty("width", px.get("SizeX").getAsInt());
        size.addProperty("height", px.get("SizeY").getAsInt());
        size.addProperty("z", px.get("SizeZ").getAsInt());
        size.addProperty("t", px.get("SizeT").getAsInt());
        size.addProperty("c", sizeC);
        rv.add("size", size);
        JsonObject pixelSize = new JsonObject();
        for (String axis : List.of("X", "Y", "Z")) {
            JsonObject u = px.getAsJsonObject("PhysicalSize" + axis);
            pixelSize.add(axis.toLowerCase(java.util.Locale.ROOT), u == null ? com.google.gson.JsonNull.INSTANCE : u.get("Value"));
        }
        rv.add("pixel_size", pixelSize);
        JsonArray pixelRange = new JsonArray();
        pixelRange.add(range[0]);
        pixelRange.add(range[1]);
        rv.add("pixel_range", pixelRange);
        JsonArray channels = new JsonArray();
        Map<Integer, JsonObject> set = channelSettings.getOrDefault(image.id(), Map.of());
        for (int i = 0; i < sizeC; i++) {
            JsonObject c = new JsonObject();
            JsonObject given = set.get(i);
            JsonElement wave = given == null ? com.google.gson.JsonNull.INSTANCE : given.get("emissionWave");
            c.add("emissionWave", wave);
            c.addProperty("label", given != null ? given.get("label").getAsString()
                    : wave.isJsonNull() ? String.valueOf(i) : String.valueOf((int) wave.getAsDouble()));
            c.addProperty("color", given != null ? given.get("color").getAsString() : sizeC == 1 ? "808080" : List.of("FF0000", "00FF00", "0000FF").get(i % 3));
            c.addProperty("inverted", false);
            c.addProperty("reverseIntensity", false);
            c.addProperty("family", "linear");
            c.addProperty("coefficient", 1.0);
            JsonObject window = new JsonObject();
            window.addProperty("min", range[0]);
            window.addProperty("max", range[1]);
            window.addProperty("start", range[0]);
            window.addProperty("end", range[1]);
            c.add("window", window);
            c.addProperty("active", true);
            channels.add(c);
        }
        rv.add("channels", channels);
        JsonObject rdefs = new JsonObject();
        rdefs.addProperty("model", sizeC == 1 ? "greyscale" : "color");
        rdefs.addProperty("projection", "normal");
        rdefs.addProperty("defaultZ", px.get("SizeZ").getAsInt() / 2);
        rdefs.addProperty("defaultT", 0);
        rdefs.addProperty("invertAxis", false);
        rv.add("rdefs", rdefs);
        json(ex, 200, GSON.toJson(rv));
    }

    private static double[] typeRange(String type) {
        return switch (type) {
            case "int8" -> new double[] {-128, 127};
            case "uint8" -> new double[] {0, 255};
            case "int16" -> new double[] {-32768, 32767};
            case "uint16" -> new double[] {0, 65535};
            case "int32" -> new double[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
            case "uint32" -> new double[] {0, 4294967295.0};
            default -> new double[] {0, 1};
        };
    }

    /** render_thumbnail: a JPEG of the middle z section, first channel, longer side {@code size} (default 96). */
    private void thumbnail(HttpExchange ex, User user, String[] p) throws IOException {
        Obj image = p.length < 1 ? null : imageWithPixels(user, p[0]);
        if (image == null) {
            send(ex, 404, "text/html", "<h1>Not Found</h1>");
            return;
        }
        JsonObject px = image.json().getAsJsonObject("Pixels");
        int sx = px.get("SizeX").getAsInt(), sy = px.get("SizeY").getAsInt(), sz = px.get("SizeZ").getAsInt();
        int size = p.length > 1 && !p[1].isEmpty() ? Integer.parseInt(p[1]) : 96;
        int bps = bytesPerSample(px.getAsJsonObject("Type").get("value").getAsString());
        byte[] plane = pixels.get(image.id()).plane(sz / 2);
        double f = Math.min(1.0, (double) size / Math.max(sx, sy));
        int w = Math.max(1, (int) Math.round(sx * f)), h = Math.max(1, (int) Math.round(sy * f));
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (Math.min(sy - 1, (int) (y / f)) * sx + Math.min(sx - 1, (int) (x / f))) * bps;
                int g = plane[i] & 0xFF; // the most significant byte of a big-endian sample
                img.getRaster().setSample(x, y, 0, g);
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "jpeg", out);
        send(ex, 200, "image/jpeg", out.toByteArray());
    }

    /**
     * render_image: one plane rendered to 8 bits in greyscale, the channels {@code c=N[|start:end]} names
     * (1-based; the first active one is drawn), window start..end (default: the pixel type's range, for
     * floating point the plane's), as a PNG (the real server's default is JPEG).
     */
    private void renderImage(HttpExchange ex, User user, String[] p, Map<String, String> q) throws IOException {
        Obj image = p.length < 1 ? null : imageWithPixels(user, p[0]);
        if (image == null) {
            send(ex, 404, "text/html", "<h1>Not Found</h1>");
            return;
        }
        JsonObject px = image.json().getAsJsonObject("Pixels");
        int sx = px.get("SizeX").getAsInt(), sy = px.get("SizeY").getAsInt(), sz = px.get("SizeZ").getAsInt(), sc = px.get("SizeC").getAsInt();
        String type = px.getAsJsonObject("Type").get("value").getAsString();
        int z = p.length > 1 ? Integer.parseInt(p[1]) : 0;
        int t = p.length > 2 ? Integer.parseInt(p[2]) : 0;
        int c = 0;
        double start = Double.NaN;
        double end = Double.NaN;
        for (String ch : q.getOrDefault("c", "1").split(",")) {
            if (!ch.startsWith("-")) {
                String[] w = ch.split("\\$")[0].split("\\|");
                c = Integer.parseInt(w[0]) - 1;
                if (w.length > 1) {
                    start = Double.parseDouble(w[1].split(":")[0]);
                    end = Double.parseDouble(w[1].split(":")[1]);
                }
                break;
            }
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(pixels.get(image.id()).plane((t * sc + c) * sz + z));
        int bps = bytesPerSample(type);
        double[] v = new double[sx * sy];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (type) {
                case "int8" -> b.get(i);
                case "uint8" -> b.get(i) & 0xFF;
                case "int16" -> b.getShort(2 * i);
                case "uint16" -> b.getShort(2 * i) & 0xFFFF;
                case "int32" -> b.getInt(4 * i);
                case "uint32" -> b.getInt(4 * i) & 0xFFFFFFFFL;
                case "float" -> b.getFloat(4 * i);
                default -> b.getDouble(8 * i);
            };
        }
        if (Double.isNaN(start)) {
            if (type.equals("float") || type.equals("double")) {
                start = java.util.Arrays.stream(v).min().orElse(0);
                end = java.util.Arrays.stream(v).max().orElse(1);
            } else {
                boolean signed = !type.startsWith("u");
                start = signed ? -Math.pow(2, 8 * bps - 1) : 0;
                end = signed ? Math.pow(2, 8 * bps - 1) - 1 : Math.pow(2, 8 * bps) - 1;
            }
        }
        java.awt.image.BufferedImage png = new java.awt.image.BufferedImage(sx, sy, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < v.length; i++) {
            int g = (int) Math.round(Math.max(0, Math.min(255, (v[i] - start) * 255 / Math.max(1e-12, end - start))));
            png.getRaster().setSample(i % sx, i / sx, 0, g);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(png, "png", out);
        send(ex, 200, "image/png", out.toByteArray());
    }

    /** The 8-bit value render_image gives a raw value with the default window (integer types: their whole range). */
    public static int rendered(double value, String type) {
        int bps = bytesPerSample(type);
        boolean signed = !type.startsWith("u");
        double start = signed ? -Math.pow(2, 8 * bps - 1) : 0;
        double end = signed ? Math.pow(2, 8 * bps - 1) - 1 : Math.pow(2, 8 * bps) - 1;
        return (int) Math.round(Math.max(0, Math.min(255, (value - start) * 255 / (end - start))));
    }

    /** Django's CsrfViewMiddleware: cookie + token, and on HTTPS a same-origin Referer. */
    private String csrfFailure(HttpExchange ex) {
        if (https) {
            String referer = ex.getRequestHeaders().getFirst("Referer");
            if (referer == null) {
                return "Referer checking failed - no Referer.";
            }
            URI r = URI.create(referer);
            String host = ex.getRequestHeaders().getFirst("Host");
            if (!"https".equals(r.getScheme())) {
                return "Referer checking failed - Referer is insecure while host is secure.";
            }
            if (host == null || !host.equals(r.getHost() + (r.getPort() > 0 ? ":" + r.getPort() : ""))) {
                return "Referer checking failed - " + referer + " does not match any trusted origins.";
            }
        }
        String cookie = cookie(ex, "csrftoken");
        if (cookie == null || !csrfTokens.contains(cookie)) {
            return "CSRF cookie not set.";
        }
        String header = ex.getRequestHeaders().getFirst("X-CSRFToken");
        if (header == null || header.isEmpty()) {
            return "CSRF token missing.";
        }
        if (!header.equals(cookie)) {
            return "CSRF token from the 'X-Csrftoken' HTTP header incorrect.";
        }
        return null;
    }

    private void api(HttpExchange ex, User user, String rest, Map<String, String> q) throws IOException {
        String[] p = rest.split("/");
        Predicate<Obj> visible = o -> user.groups().contains(o.group()) && (!q.containsKey("group")
                || Long.parseLong(q.get("group")) == -1 || Long.parseLong(q.get("group")) == o.group());
        String type = switch (p[0]) {
            case "projects" -> "Project";
            case "datasets" -> "Dataset";
            case "images" -> "Image";
            case "screens" -> "Screen";
            case "plates" -> "Plate";
            case "wells" -> "Well";
            case "rois" -> "ROI";
            case "experimentergroups" -> "ExperimenterGroup";
            default -> null;
        };
        if (type == null) {
            send(ex, 404, "text/html", "<h1>Not Found</h1>");
            return;
        }
        if (type.equals("ExperimenterGroup")) {
            List<JsonObject> all = new ArrayList<>();
            groups.forEach((id, name) -> {
                JsonObject g = new JsonObject();
                g.addProperty("@id", id);
                g.addProperty("@type", SCHEMA + "ExperimenterGroup");
                g.addProperty("Name", name);
                all.add(g);
            });
            page(ex, all, q);
            return;
        }
        Map<Long, Obj> ofType = objects.getOrDefault(type, Map.of());
        if (p.length == 1) {
            List<JsonObject> list = new ArrayList<>();
            boolean orphaned = "true".equals(q.get("orphaned"));
            for (Obj o : ofType.values().stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList()) {
                if (visible.test(o) && (!orphaned || isOrphan(o))) {
                    list.add(o.json());
                }
            }
            page(ex, list, q);
            return;
        }
        long id;
        try {
            id = Long.parseLong(p[1]);
        } catch (NumberFormatException e) {
            send(ex, 404, "text/html", "<h1>Not Found</h1>");
            return;
        }
        Obj o = ofType.get(id);
        if (o == null || !visible.test(o)) {
            json(ex, 404, "{\"message\": \"" + type + " " + id + " not found\"}");
            return;
        }
        if (p.length == 2) {
            json(ex, 200, "{\"data\": " + o.json() + "}");
            return;
        }
        String childType = switch (p[2]) {
            case "datasets" -> "Dataset";
            case "images" -> "Image";
            case "plates" -> "Plate";
            case "wells" -> "Well";
            case "rois" -> "ROI";
            default -> null;
        };
        if (childType == null) {
            send(ex, 404, "text/html", "<h1>Not Found</h1>");
            return;
        }
        List<JsonObject> list = new ArrayList<>();
        for (long c : o.children()) {
            Obj child = objects.getOrDefault(childType, Map.of()).get(c);
            if (child != null && visible.test(child)) {
                list.add(child.json());
            }
        }
        page(ex, list, q);
    }

    private boolean isOrphan(Obj o) {
        String parentType = switch (o.type()) {
            case "Dataset" -> "Project";
            case "Image" -> "Dataset";
            case "Plate" -> "Screen";
            default -> null;
        };
        if (parentType == null) {
            return false;
        }
        for (Obj parent : objects.getOrDefault(parentType, Map.of()).values()) {
            if (parent.children().contains(o.id())) {
                return false;
            }
        }
        if (o.type().equals("Image")) {
            for (Obj well : objects.getOrDefault("Well", Map.of()).values()) {
                if (well.json().toString().contains("\"@id\":" + o.id() + ",")) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The JSON API's paging: offset, limit (default 200, at most 500), meta with totalCount. */
    private void page(HttpExchange ex, List<JsonObject> all, Map<String, String> q) throws IOException {
        int offset;
        int limit;
        try {
            offset = Math.max(0, Integer.parseInt(q.getOrDefault("offset", "0")));
            limit = Integer.parseInt(q.getOrDefault("limit", "-1"));
        } catch (NumberFormatException e) {
            json(ex, 400, "{\"message\": " + GSON.toJson("invalid literal for int() with base 10: '" + e.getMessage() + "'") + "}");
            return;
        }
        limit = limit < 0 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
        JsonArray data = new JsonArray();
        for (int i = offset; i < Math.min(all.size(), offset + limit); i++) {
            data.add(all.get(i));
        }
        JsonObject meta = new JsonObject();
        meta.addProperty("offset", offset);
        meta.addProperty("limit", limit);
        meta.addProperty("maxLimit", MAX_LIMIT);
        meta.addProperty("totalCount", all.size());
        JsonObject out = new JsonObject();
        out.add("data", data);
        out.add("meta", meta);
        json(ex, 200, out.toString());
    }

    private static String cookie(HttpExchange ex, String name) {
        for (String header : ex.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String part : header.split(";")) {
                String[] kv = part.strip().split("=", 2);
                if (kv.length == 2 && kv[0].equals(name)) {
                    return kv[1];
                }
            }
        }
        return null;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return out;
    }

    private static void json(HttpExchange ex, int status, String body) throws IOException {
        ex.getResponseHeaders().add("X-OMERO-ApiVersion", "0.2");
        send(ex, status, "application/json", body);
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        send(ex, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] b) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
