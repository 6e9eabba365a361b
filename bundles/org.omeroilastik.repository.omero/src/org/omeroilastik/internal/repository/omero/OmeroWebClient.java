package org.omeroilastik.internal.repository.omero;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import org.omeroilastik.repository.RepositoryException;
import org.omeroilastik.repository.TransientRepositoryException;
import org.omeroilastik.repository.omero.OmeroCredentials.Login;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * One session with an OMERO.web server: CSRF token and session cookie, login through the JSON API,
 * GETs with paging, retries of dropped connections and a new login when the session has expired.
 * Errors name the request; no message ever carries a credential.
 */
final class OmeroWebClient implements AutoCloseable {
    /** Attempts per request when the connection drops or the server answers 5xx. */
    static final int ATTEMPTS = 4;
    /** The JSON API's largest page (omero.web.api.max_limit default). */
    static final int PAGE = 500;

    private final URI base;
    private final String name;
    private final HttpClient http;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final Login login;
    private String csrfToken;
    private long groupId = -1;
    private volatile int logins;

    OmeroWebClient(URI base, SSLContext ssl, Login login) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        this.name = "omero:" + s;
        this.login = login;
        this.http = HttpClient.newBuilder().sslContext(ssl).cookieHandler(cookies).connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    String name() {
        return name;
    }

    /** Seconds between keep-alive pings (OMERO.web's own page pings every 60 s; the server's idle limit is 10 min). */
    static final String KEEP_ALIVE_SECONDS = "omero.ilastik.keepAliveSeconds";
    private java.util.concurrent.ScheduledExecutorService keepAlive;

    /**
     * Pings {@code /webclient/keepalive_ping/} while the repository is open, so a long engine run does
     * not let the OMERO session time out; the ping answers 200 either way, so its body is read:
     * "Connection Failed" means the session is gone and is replaced by a new login.
     */
    synchronized void startKeepAlive() {
        if (keepAlive != null) {
            return;
        }
        keepAlive = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "omero-keepalive");
            t.setDaemon(true);
            return t;
        });
        long seconds = Math.max(1, Long.getLong(KEEP_ALIVE_SECONDS, 60));
        keepAlive.scheduleWithFixedDelay(this::ping, seconds, seconds, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** One keep-alive ping; true when the session was alive. */
    boolean ping() {
        int seen = logins;
        try {
            Reply r = send("GET", base.resolve("webclient/keepalive_ping/"), what("GET", "webclient/keepalive_ping/"), null, false, null, true);
            if (r.status() == 200 && r.bytes() != null && new String(r.bytes(), StandardCharsets.UTF_8).strip().equals("OK")) {
                return true;
            }
            relogin(seen);
        } catch (RepositoryException | RuntimeException e) {
            // the next request retries or logs in again itself
        }
        return false;
    }

    /** How many times this client has logged in (1 after {@link #login()}, more after expired sessions). */
    int logins() {
        return logins;
    }

    long groupId() {
        return groupId;
    }

    /**
     * Logs in again unless another thread already did since {@code seenLogins} (tasks running side by
     * side share this client and may all see the session expire at once).
     */
    private synchronized void relogin(int seenLogins) throws RepositoryException {
        if (logins == seenLogins) {
            login();
        }
    }

    /** Token, server choice and login; then the group, when one was asked for. */
    synchronized void login() throws RepositoryException {
        JsonObject token = send("GET", "api/v0/token/", null, false).object();
        csrfToken = token.get("data").getAsString();
        JsonArray servers = send("GET", "api/v0/servers/", null, false).object().getAsJsonArray("data");
        if (servers.isEmpty()) {
            throw new RepositoryException(name + ": GET /api/v0/servers/ lists no OMERO server");
        }
        String server = servers.get(0).getAsJsonObject().get("id").getAsString();
        String form = "server=" + enc(server) + "&username=" + enc(login.user()) + "&password=" + enc(new String(login.password()));
        Reply r = send("POST", "api/v0/login/", form, false);
        if (r.status != 200 || !r.object().has("eventContext")) {
            throw new RepositoryException(name + ": login failed: " + r.message());
        }
        logins++;
        if (login.group().isPresent() && groupId < 0) {
            groupId = resolveGroup(login.group().get());
        }
    }

    private long resolveGroup(String group) throws RepositoryException {
        if (group.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(group);
        }
        for (JsonObject g : getAll("api/v0/m/experimentergroups/")) {
            if (g.has("Name") && g.get("Name").getAsString().equals(group)) {
                return g.get("@id").getAsLong();
            }
        }
        throw new RepositoryException(name + ": no group named \"" + group + "\" (OMERO_GROUP)");
    }

    /** GET of one JSON document. */
    JsonObject get(String path) throws RepositoryException {
        return send("GET", path, null, true).object();
    }

    /** GET of every item of a list, page by page (the server's limit, at most 500 per page). */
    List<JsonObject> getAll(String path) throws RepositoryException {
        List<JsonObject> out = new ArrayList<>();
        int offset = 0;
        while (true) {
            String sep = path.contains("?") ? "&" : "?";
            JsonObject page = get(path + sep + "limit=" + PAGE + "&offset=" + offset + (groupId >= 0 ? "&group=" + groupId : ""));
            JsonArray data = page.getAsJsonArray("data");
            if (data == null) {
                throw new RepositoryException(name + ": GET /" + path + ": no \"data\" list in the answer");
            }
            data.forEach(e -> out.add(e.getAsJsonObject()));
            JsonObject meta = page.getAsJsonObject("meta");
            long total = meta == null || !meta.has("totalCount") ? out.size() : meta.get("totalCount").getAsLong();
            if (data.isEmpty() || out.size() >= total) {
                return out;
            }
            offset += data.size();
        }
    }

    /** The answer to one request: status, content type and body. */
    private record Reply(String what, int status, String type, byte[] bytes, String location) {
        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        JsonObject object() throws RepositoryException {
            if (!type.contains("json")) {
                throw new RepositoryException(what + ": expected JSON, got " + (type.isEmpty() ? "no content type" : type)
                        + " (HTTP " + status + ")" + snippet());
            }
            try {
                JsonElement e = JsonParser.parseString(body());
                if (!e.isJsonObject()) {
                    throw new RepositoryException(what + ": expected a JSON object, got " + body().strip().charAt(0) + "...");
                }
                return e.getAsJsonObject();
            } catch (JsonParseException | IllegalStateException e) {
                throw new RepositoryException(what + ": malformed JSON (HTTP " + status + ")" + snippet());
            }
        }

        String message() {
            try {
                JsonObject o = JsonParser.parseString(body()).getAsJsonObject();
                if (o.has("message")) {
                    return o.get("message").getAsString() + " (HTTP " + status + ")";
                }
            } catch (RuntimeException notJson) {
                // fall through
            }
            return "HTTP " + status + snippet();
        }

        private String snippet() {
            if (type.startsWith("application/octet-stream") || type.startsWith("image/")) {
                return "";
            }
            String s = body().replaceAll("\\s+", " ").strip();
            return s.isEmpty() ? "" : ": " + (s.length() > 80 ? s.substring(0, 80) + "..." : s);
        }
    }

    /** GET of raw bytes (pixel tiles) from a URL of this server's host, with the session cookie. */
    byte[] getBytes(URI uri, String what) throws RepositoryException {
        Reply r = send("GET", uri, what, null, true, null, false);
        if (r.type().contains("json") || r.type().contains("html")) {
            throw new RepositoryException(what + ": expected pixel bytes, got " + r.type() + " (HTTP " + r.status() + ")" + r.snippet());
        }
        return r.bytes();
    }

    /**
     * GET of a key's bytes (a Zarr chunk or metadata document), with the session: empty for 404 (a
     * missing chunk), else the bytes of a 200; any other answer fails naming the request.
     */
    Optional<byte[]> getIfFound(URI uri, String what) throws RepositoryException {
        Reply r = send("GET", uri, what, null, true, null, true);
        if (r.status() == 404) {
            return Optional.empty();
        }
        if (r.status() != 200) {
            throw new RepositoryException(what + ": " + r.message());
        }
        return Optional.of(r.bytes());
    }

    /**
     * GET streamed into {@code file} (a whole-image download), with the session; follows redirects to
     * other places than the login page (OMERO.web sends cached exports from its static files). Empty
     * for 404, else the file's content type; other answers fail naming the request.
     */
    Optional<String> download(URI uri, Path file, String what) throws RepositoryException {
        URI at = uri;
        for (int hop = 0; hop < 5; hop++) {
            Reply r = send("GET", at, what, null, true, file, true);
            if (r.status() == 404) {
                return Optional.empty();
            }
            if (r.status() / 100 == 3 && r.location() != null) {
                at = at.resolve(r.location());
                continue;
            }
            if (r.status() != 200) {
                throw new RepositoryException(what + ": " + r.message());
            }
            return Optional.of(r.type());
        }
        throw new RepositoryException(what + ": more than 5 redirects");
    }

    /** OPTIONS (without the session, as omero-ms-* answer it): the status and body of the answer, or empty when it fails. */
    Optional<JsonObject> options(URI uri, String what) {
        try {
            Reply r = send("OPTIONS", uri, what, null, false, null, true);
            if (r.status() != 200 || !r.type().contains("json")) {
                return Optional.empty();
            }
            return Optional.of(r.object());
        } catch (RepositoryException e) {
            return Optional.empty();
        }
    }

    URI base() {
        return base;
    }

    private Reply send(String method, String path, String form, boolean loggedIn) throws RepositoryException {
        return send(method, base.resolve(path), what(method, path), form == null ? null : new Body("application/x-www-form-urlencoded",
                form.getBytes(StandardCharsets.UTF_8)), loggedIn, null, false);
    }

    private String what(String method, String path) {
        return name + ": " + method + " /" + path.replaceAll("[?&](limit|offset|group)=[^&]*", "");
    }

    /** A request body and its content type. */
    record Body(String type, HttpRequest.BodyPublisher publisher, long length) {
        Body(String type, byte[] bytes) {
            this(type, HttpRequest.BodyPublishers.ofByteArray(bytes), bytes.length);
        }
    }

    /**
     * POST with the session (CSRF header and same-origin Referer); the answer must be JSON with a
     * 2xx status, else the error names the request.
     */
    JsonObject post(String path, Body body) throws RepositoryException {
        Reply r = send("POST", base.resolve(path), what("POST", path), body, true, null, false);
        if (r.status() / 100 != 2) {
            throw new RepositoryException(what("POST", path) + ": " + r.message());
        }
        return r.object();
    }

    /**
     * One request with retries (dropped connections, 5xx) and a new login when the session expired.
     * With {@code sink}, a 200's body is streamed into that file (the reply's bytes are then empty).
     * With {@code any}, answers below 500 other than a login redirect come back to the caller, who judges them.
     */
    private Reply send(String method, URI uri, String what, Body body, boolean loggedIn, Path sink, boolean any) throws RepositoryException {
        IOException last = null;
        boolean post = "POST".equals(method);
        // Uploads get a minute plus a second per MB, so a big file is not cut off (and sent again).
        long seconds = 60 + (body == null ? 0 : body.length() >> 20);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            int seenLogins = logins;
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(seconds)).header("Accept", "application/json");
                if (post) {
                    // Django's CSRF check: the token in a header, and on HTTPS a same-origin Referer.
                    b.header("X-CSRFToken", csrfToken == null ? "" : csrfToken).header("Referer", uri.toString())
                            .header("Content-Type", body == null ? "application/x-www-form-urlencoded" : body.type())
                            .POST(body == null ? HttpRequest.BodyPublishers.noBody() : body.publisher());
                } else if ("OPTIONS".equals(method)) {
                    b.method("OPTIONS", HttpRequest.BodyPublishers.noBody());
                } else {
                    b.GET();
                }
                HttpResponse<byte[]> r;
                if (sink == null) {
                    r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                } else {
                    // A 200 streams into the file; anything else (an error page) is small and read into memory.
                    HttpResponse<Object> f = http.send(b.build(), info -> info.statusCode() == 200
                            ? HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofFile(sink,
                                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE,
                                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING), Object.class::cast)
                            : HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(), Object.class::cast));
                    r = new FileResponse(f);
                }
                Reply reply = new Reply(what, r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(),
                        r.headers().firstValue("Location").orElse(null));
                // A POST the server answered may have acted: it is never sent again (no duplicate files or ROIs).
                if (r.statusCode() >= 500 && attempt < ATTEMPTS && !post) {
                    pause(attempt);
                    continue;
                }
                boolean toLogin = r.statusCode() == 302 && r.headers().firstValue("Location").orElse("").contains("/login");
                // An expired session: the JSON API says "Not logged in", omero-ms-pixel-buffer an empty 403.
                boolean expired = r.statusCode() == 403 && (reply.message().startsWith("Not logged in")
                        || reply.bytes() != null && reply.bytes().length == 0);
                if (loggedIn && (toLogin || expired)) {
                    relogin(seenLogins);
                    loggedIn = false;
                    attempt--;
                    continue;
                }
                if (any) {
                    if (toLogin) {
                        throw new RepositoryException(what + ": redirected to " + reply.location() + " (not logged in?)");
                    }
                    return reply;
                }
                if (loggedIn && r.statusCode() == 302) {
                    throw new RepositoryException(what + ": redirected to " + r.headers().firstValue("Location").orElse("?")
                            + " (not logged in?)");
                }
                if (r.statusCode() >= 400 && !"POST".equals(method)) {
                    if (!reply.type().contains("json")) {
                        reply.object(); // throws, naming the content type and status
                    }
                    throw new RepositoryException(what + ": " + reply.message());
                }
                return reply;
            } catch (RepositoryException e) {
                throw e;
            } catch (SSLException e) {
                throw new RepositoryException(what + ": TLS failed (" + e.getMessage()
                        + "); trust the server's certificate with --trust-cert FILE or the JVM's trust store", e);
            } catch (IOException e) {
                last = e;
                // A dropped POST is sent again: the writers reconcile what a lost answer may have left
                // behind (one map annotation per namespace, generated file names listed by a registry).
                if (attempt < ATTEMPTS) {
                    pause(attempt);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RepositoryException(what + ": interrupted", e);
            }
        }
        throw new TransientRepositoryException(what + ": connection failed " + ATTEMPTS + " times: " + describe(last), last);
    }

    /** A response streamed into a file seen as one with an empty body; error bodies stay in memory. */
    private record FileResponse(HttpResponse<Object> inner) implements HttpResponse<byte[]> {
        @Override
        public int statusCode() {
            return inner.statusCode();
        }

        @Override
        public HttpRequest request() {
            return inner.request();
        }

        @Override
        public Optional<HttpResponse<byte[]>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return inner.headers();
        }

        @Override
        public byte[] body() {
            return inner.body() instanceof byte[] b ? b : new byte[0];
        }

        @Override
        public Optional<javax.net.ssl.SSLSession> sslSession() {
            return inner.sslSession();
        }

        @Override
        public URI uri() {
            return inner.uri();
        }

        @Override
        public HttpClient.Version version() {
            return inner.version();
        }
    }

    /** The first message along the causes (the HTTP client's ConnectException has none of its own). */
    private static String describe(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        if (e instanceof java.net.ConnectException) {
            return "cannot connect (nothing answers at that address and port?)";
        }
        return e == null ? "?" : e.getClass().getSimpleName();
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(100L << (2 * (attempt - 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The session cookie, if the server set one. */
    Optional<String> sessionCookie() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("sessionid")).map(HttpCookie::getValue)
                .findFirst();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (keepAlive != null) {
                keepAlive.shutdownNow();
            }
        }
        try {
            if (logins > 0) {
                send("POST", "webclient/logout/", "csrfmiddlewaretoken=" + enc(csrfToken), false);
            }
        } catch (RepositoryException ignored) {
            // the server ends the session on its own timeout
        } finally {
            Arrays.fill(login.password(), '\0');
        }
    }
}
