package org.omeroilastik.repository.omero;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Gives the user name and password for an OMERO.web server: the environment (headless), Equinox
 * secure storage or a prompt (workbench). A DS service; the one with the highest service ranking
 * that has credentials for the server is used.
 */
public interface OmeroCredentials {

    Optional<Login> credentials(URI server);

    /**
     * A server certificate (PEM or DER) the user chose to trust for this server beside the JVM's trust
     * store, asked of the service whose credentials are used (the workbench keeps one per connection;
     * headless, {@code --trust-cert} sets it for the whole run).
     */
    default Optional<Path> trustedCertificate(URI server) {
        return Optional.empty();
    }

    /**
     * What logging in needs. The password is a char array the client clears after use; toString
     * never shows it.
     *
     * @param group an OMERO group id or name to browse in (empty: all the user's groups)
     */
    record Login(String user, char[] password, Optional<String> group) {
        @Override
        public String toString() {
            return "Login[user=" + user + ", group=" + group.orElse("(all)") + "]";
        }
    }
}
