package org.omeroilastik.credentials.secure;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import org.omeroilastik.repository.omero.OmeroCredentials.Login;

/**
 * Keeps the login for each OMERO.web server (one per server) in Equinox secure storage. Every method
 * may open the storage, which may ask the user for its master password: never call them on the display
 * thread.
 */
public interface CredentialStore {

    /** Keeps the login (and the certificate to trust, if any) for the server, replacing what was kept. */
    void store(URI server, Login login, Optional<Path> trustedCertificate) throws CredentialStoreException;

    /** Forgets the server's login; nothing happens when none is kept. */
    void remove(URI server) throws CredentialStoreException;

    /** Whether a login is kept for the server (its user name, never the password, is read). */
    boolean has(URI server) throws CredentialStoreException;

    /**
     * Offers a login that is not kept yet, for trying it: until the returned handle is closed, the
     * server's credentials are these (in memory only), so a wrong password never reaches the storage.
     */
    Trial trial(URI server, Login login, Optional<Path> trustedCertificate);

    /** Ends a {@link #trial}. */
    interface Trial extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * The same server written differently gives the same key: lower-case scheme and host, the
     * default port left out, a path ending in a slash.
     */
    static URI normalize(URI server) {
        String scheme = server.getScheme() == null ? "https" : server.getScheme().toLowerCase();
        int port = server.getPort();
        if ("https".equals(scheme) && port == 443 || "http".equals(scheme) && port == 80) {
            port = -1;
        }
        String path = server.getRawPath() == null || server.getRawPath().isEmpty() ? "/" : server.getRawPath();
        if (!path.endsWith("/")) {
            path = path + "/";
        }
        return URI.create(scheme + "://" + server.getHost().toLowerCase() + (port > 0 ? ":" + port : "") + path);
    }

    /** Secure storage could not be read or written (no master password given, a broken file). */
    final class CredentialStoreException extends Exception {
        private static final long serialVersionUID = 1L;

        public CredentialStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
