package org.omeroilastik.internal.repository.omero;

import java.net.URI;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.repository.RepositoryException;
import org.omeroilastik.repository.RepositoryProvider;
import org.omeroilastik.repository.omero.OmeroCredentials;
import org.omeroilastik.repository.omero.OmeroCredentials.Login;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Opens {@code omero:https://HOST[:PORT][/PREFIX]} sources: logs in with the credentials of the
 * highest-ranked {@link OmeroCredentials} service that has some for the server. The system property
 * {@code omero.ilastik.trustCert} names a server certificate to trust beside the JVM's trust store;
 * {@code omero.ilastik.pixelSource} ({@code auto}, {@code pixel-buffer}, {@code zarr}, {@code ome-tiff},
 * {@code rendered}) says where raw pixels come from (see {@link OmeroWebRepository#read}).
 */
@Component(service = RepositoryProvider.class)
public final class OmeroRepositoryProvider implements RepositoryProvider {
    static final String TRUST_CERT = "omero.ilastik.trustCert";
    static final String PIXEL_BUFFER = "omero.ilastik.pixelBuffer";
    static final String ALLOW_PLAIN_HTTP = "omero.ilastik.allowPlainHttp";
    static final String PIXEL_SOURCE = "omero.ilastik.pixelSource";

    @Reference
    private ImageFormats formats;

    private record Ranked(OmeroCredentials source, int ranking) {
    }

    private final List<Ranked> credentials = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCredentials(OmeroCredentials c, Map<String, Object> properties) {
        credentials.add(new Ranked(c, properties.get("service.ranking") instanceof Integer i ? i : 0));
    }

    void removeCredentials(OmeroCredentials c) {
        credentials.removeIf(r -> r.source() == c);
    }

    /**
     * Where omero-ms-pixel-buffer answers: the system property {@value #PIXEL_BUFFER}, else
     * {@code /tile/} on the server's host (how its README proxies it).
     */
    static URI pixelBuffer(URI server) {
        String p = System.getProperty(PIXEL_BUFFER);
        if (p != null && !p.isBlank()) {
            return URI.create(p.endsWith("/") ? p : p + "/");
        }
        return server.resolve("/tile/");
    }

    @Override
    public String scheme() {
        return "omero";
    }

    @Override
    public Repository open(String location, boolean create) throws RepositoryException {
        URI server;
        try {
            server = new URI(location);
        } catch (Exception e) {
            throw new RepositoryException("omero:" + location + ": not a URL (omero:https://HOST[:PORT][/PREFIX])");
        }
        if (!"https".equals(server.getScheme()) && !"http".equals(server.getScheme()) || server.getHost() == null) {
            throw new RepositoryException("omero:" + location + ": not a URL (omero:https://HOST[:PORT][/PREFIX])");
        }
        if (server.getRawUserInfo() != null) {
            // Never echo it: the user info may hold a password.
            throw new RepositoryException("omero:" + server.getScheme() + "://" + server.getHost()
                    + ": credentials do not belong in the URL; set OMERO_USER and OMERO_PASSWORD");
        }
        if ("http".equals(server.getScheme()) && !Boolean.getBoolean(ALLOW_PLAIN_HTTP)) {
            throw new RepositoryException("omero:" + location + ": plain HTTP would send the password and session unencrypted; use "
                    + "https (a test server may be allowed with -D" + ALLOW_PLAIN_HTTP + "=true)");
        }
        if (create) {
            throw new RepositoryException("omero:" + location + ": an OMERO server cannot be created from here");
        }
        OmeroCredentials source = null;
        Login login = null;
        for (Ranked c : credentials.stream().sorted(Comparator.comparingInt(Ranked::ranking).reversed()).toList()) {
            Optional<Login> found = c.source().credentials(server);
            if (found.isPresent()) {
                source = c.source();
                login = found.get();
                break;
            }
        }
        if (login == null) {
            throw new RepositoryException("omero:" + location
                    + ": no credentials: set OMERO_USER and OMERO_PASSWORD (and OMERO_GROUP) in the environment; in the workbench, "
                    + "add the server with Add connection\u2026 (or unlock secure storage when asked)");
        }
        String pixelSource = System.getProperty(PIXEL_SOURCE, "auto").strip();
        if (!OmeroWebRepository.PIXEL_SOURCES.contains(pixelSource)) {
            throw new RepositoryException("omero:" + location + ": " + PIXEL_SOURCE + "=" + pixelSource + " is none of "
                    + String.join(", ", OmeroWebRepository.PIXEL_SOURCES));
        }
        OmeroCredentials from = source;
        Optional<Path> trust = Optional.ofNullable(System.getProperty(TRUST_CERT)).filter(s -> !s.isBlank()).map(Path::of)
                .or(() -> from.trustedCertificate(server));
        OmeroWebClient client = new OmeroWebClient(server, TrustedCertificates.context(trust), login);
        try {
            client.login();
            client.startKeepAlive();
        } catch (RepositoryException e) {
            client.close();
            throw e;
        }
        return new OmeroWebRepository(client, pixelBuffer(server), pixelSource, formats);
    }
}
