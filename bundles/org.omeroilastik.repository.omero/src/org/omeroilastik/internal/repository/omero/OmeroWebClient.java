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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import org.omeroilastik.repository.RepositoryException;
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
    private int logins;

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

    /** How many times this client has logged in (1 after {@link #login()}, more after expired sessions). */
    int logins() {
        return logins;
    }

    long groupId() {
        return groupId;
    }

    /** Token, server choice and login; then the group, when one was asked for. */
    void login() throws RepositoryException {
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
    private record Reply(String what, int status, String type, byte[] bytes) {
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
        Reply r = send("GET", uri, what, null, true);
        if (r.type().contains("json") || r.type().contains("html")) {
            throw new RepositoryException(what + ": expected pixel bytes, got " + r.type() + " (HTTP " + r.status() + ")" + r.snippet());
        }
        return r.bytes();
    }

    URI base() {
        return base;
    }

    private Reply send(String method, String path, String form, boolean loggedIn) throws RepositoryException {
        return send(method, base.resolve(path), what(method, path), form == null ? null : new Body("application/x-www-form-urlencoded",
                form.getBytes(StandardCharsets.UTF_8)), loggedIn);
    }

    private String what(String method, String path) {
        return name + ": " + method + " /" + path.replaceAll("[?&](limit|offset|group)=[^&]*", "");
    }

    /** A request body and its content type. */
    record Body(String type, byte[] bytes) {
    }

    /**
     * POST with the session (CSRF header and same-origin Referer); the answer must be JSON with a
     * 2xx status, else the error names the request.
     */
    JsonObject post(String path, Body body) throws RepositoryException {
        Reply r = send("POST", base.resolve(path), what("POST", path), body, true);
        if (r.status() / 100 != 2) {
            throw new RepositoryException(what("POST", path) + ": " + r.message());
        }
        return r.object();
    }

    private Reply send(String method, URI uri, String what, Body body, boolean loggedIn) throws RepositoryException {
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
                if ("POST".equals(method)) {
                    // Django's CSRF check: the token in a header, and on HTTPS a same-origin Referer.
                    b.header("X-CSRFToken", csrfToken == null ? "" : csrfToken).header("Referer", uri.toString())
                            .header("Content-Type", body == null ? "application/x-www-form-urlencoded" : body.type())
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body == null ? new byte[0] : body.bytes()));
                } else {
                    b.GET();
                }
                HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                Reply reply = new Reply(what, r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
                if (r.statusCode() >= 500 && attempt < ATTEMPTS) {
                    pause(attempt);
                    continue;
                }
                boolean toLogin = r.statusCode() == 302 && r.headers().firstValue("Location").orElse("").contains("/login");
                if (loggedIn && (toLogin || r.statusCode() == 403 && reply.message().startsWith("Not logged in"))) {
                    // The session expired: log in again, once per request.
                    login();
                    loggedIn = false;
                    attempt--;
                    continue;
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
                if (attempt < ATTEMPTS) {
                    pause(attempt);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RepositoryException(what + ": interrupted", e);
            }
        }
        throw new RepositoryException(what + ": connection failed " + ATTEMPTS + " times: " + describe(last), last);
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
