package org.omeroilastik.internal.ui.connections;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.util.Arrays;
import java.util.Optional;

import javax.net.ssl.SSLException;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;
import org.omeroilastik.credentials.secure.CredentialStore;
import org.omeroilastik.credentials.secure.CredentialStore.CredentialStoreException;
import org.omeroilastik.platform.OsgiServices;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.repository.RepositoryException;
import org.omeroilastik.repository.TransientRepositoryException;
import org.omeroilastik.repository.omero.OmeroCredentials.Login;
import org.omeroilastik.ui.connections.RepositoryConnector;

/**
 * An OMERO server through OMERO.web ({@code omero:https://HOST[:PORT][/PREFIX]}): server, user,
 * password, optional group and optional certificate to trust. The login is tried first from memory
 * and kept in secure storage only once it works.
 */
public final class OmeroWebConnector implements RepositoryConnector {
    private static final String SCHEME = "omero:";
    private Text server;
    private Text user;
    private Text password;
    private Text group;
    private Text certificate;

    @Override
    public void createControls(Composite parent, Runnable changed) {
        parent.setLayout(new GridLayout(3, false));
        server = Fields.text(parent, "Server:", "server", 0, "https://omero.example.org", changed);
        user = Fields.text(parent, "User:", "user", 0, "", changed);
        password = Fields.text(parent, "Password:", "password", SWT.PASSWORD, "", changed);
        group = Fields.text(parent, "Group:", "group", 0, "optional: a group name or id (default: all your groups)", changed);
        certificate = Fields.path(parent, "Trusted certificate:", "certificate", "optional: the server's own certificate (PEM or DER)",
                false, changed);
        Fields.note(parent, "The server's certificate is always verified (the Java trust store, plus the certificate chosen here). "
                + "The password is kept encrypted in secure storage, never in preferences.");
    }

    /** The server's address as typed, or empty when it is not an http(s) URL with a host. */
    private Optional<URI> serverUri() {
        String s = server.getText().strip();
        if (s.startsWith(SCHEME)) {
            s = s.substring(SCHEME.length());
        }
        if (!s.contains("://")) {
            s = "https://" + s;
        }
        try {
            URI u = new URI(s);
            if (u.getHost() == null || !("https".equalsIgnoreCase(u.getScheme()) || "http".equalsIgnoreCase(u.getScheme()))
                    || u.getRawUserInfo() != null || u.getRawQuery() != null) {
                return Optional.empty();
            }
            return Optional.of(CredentialStore.normalize(u));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    @Override
    public String incomplete() {
        if (server.getText().isBlank()) {
            return "Enter the OMERO.web server's address (https://\u2026).";
        }
        if (serverUri().isEmpty()) {
            return "The server's address must be an https:// URL with a host name, without user or password in it.";
        }
        if (user.getText().isBlank()) {
            return "Enter your OMERO user name.";
        }
        if (password.getText().isEmpty()) {
            return "Enter your password.";
        }
        return null;
    }

    @Override
    public Attempt attempt() {
        URI uri = serverUri().orElseThrow();
        Login login = new Login(user.getText().strip(), password.getText().toCharArray(),
                Optional.of(group.getText().strip()).filter(g -> !g.isEmpty()));
        Optional<Path> trusted = Optional.of(certificate.getText().strip()).filter(c -> !c.isEmpty()).map(Path::of);
        String source = SCHEME + uri;
        return new Attempt() {
            @Override
            public String source() {
                return source;
            }

            @Override
            public void connect(IProgressMonitor monitor) throws Exception {
                try {
                    connectAndKeep(uri, source, login, trusted);
                } finally {
                    Arrays.fill(login.password(), '\0');
                }
            }
        };
    }

    private static void connectAndKeep(URI uri, String source, Login login, Optional<Path> trusted) throws Exception {
        if (trusted.isPresent() && !Files.isRegularFile(trusted.get())) {
            throw new Exception("No certificate file " + trusted.get() + ".");
        }
        CredentialStore store = OsgiServices.get(OmeroWebConnector.class, CredentialStore.class);
        try (CredentialStore.Trial trial = store.trial(uri, login, trusted);
                Repository r = OsgiServices.get(OmeroWebConnector.class, Repositories.class).open(source, false)) {
            r.browse().projects();
        } catch (RepositoryException e) {
            throw new Exception(explain(uri, trusted, e), e);
        }
        try {
            store.store(uri, login, trusted);
        } catch (CredentialStoreException e) {
            throw new Exception("The login works, but it could not be kept: " + e.getMessage(), e);
        }
    }

    /** One short sentence for the dialog: TLS, unreachable server, wrong login, or the error itself. */
    static String explain(URI server, Optional<Path> trusted, RepositoryException e) {
        String host = server.getHost() + (server.getPort() > 0 ? ":" + server.getPort() : "");
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException || t instanceof CertificateException) {
                return trusted.isPresent()
                        ? "TLS verification failed: " + host + " did not present the chosen certificate " + trusted.get().getFileName()
                                + " (or a chain the Java trust store accepts)."
                        : "TLS verification failed: " + host + "'s certificate is not trusted. Choose the server's certificate "
                                + "file under \"Trusted certificate\", or add it to the Java trust store.";
            }
        }
        if (e instanceof TransientRepositoryException || e.getCause() instanceof IOException) {
            return "Cannot reach " + host + ": " + rootMessage(e) + ".";
        }
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.contains(": login failed")) {
            return "Wrong user name or password for " + host + ".";
        }
        return m;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "nothing answers at that address and port";
            }
            if (t instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof java.net.http.HttpTimeoutException) {
                return "no answer in time";
            }
            root = t;
        }
        return root.getMessage() == null || root.getMessage().isBlank() ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public void forget(String source) throws Exception {
        URI uri = URI.create(source.substring(SCHEME.length()));
        OsgiServices.get(OmeroWebConnector.class, CredentialStore.class).remove(uri);
    }
}
