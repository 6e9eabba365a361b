package org.omeroilastik.internal.credentials.secure;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.equinox.security.storage.EncodingUtils;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;
import org.omeroilastik.credentials.secure.CredentialStore;
import org.omeroilastik.repository.omero.OmeroCredentials;
import org.osgi.service.component.annotations.Component;

/**
 * The workbench's credentials, in Equinox secure storage at {@code ~/.omero-ilastik/secure_storage}
 * (the system property {@value #LOCATION} names another file). Not Eclipse's default storage under
 * {@code ~/.eclipse}: that one is shared with every Eclipse application and encrypted with whatever
 * password provider the first of them chose. Ranked above the headless components (environment 0,
 * terminal prompt -10), so a server with a stored login never reaches them.
 */
@Component(service = {OmeroCredentials.class, CredentialStore.class}, property = "service.ranking:Integer=100")
public final class SecureStorageCredentials implements OmeroCredentials, CredentialStore {
    static final String LOCATION = "omero.ilastik.secureStorage";
    private static final String ROOT = "org.omeroilastik/omero.web";
    private static final String USER = "user";
    private static final String PASSWORD = "password";
    private static final String GROUP = "group";
    private static final String TRUSTED_CERTIFICATE = "trustedCertificate";

    private record Entry(Login login, Optional<Path> trustedCertificate) {
    }

    private final Map<URI, Entry> trials = new ConcurrentHashMap<>();

    static Path location() {
        String p = System.getProperty(LOCATION);
        return p != null && !p.isBlank() ? Path.of(p) : Path.of(System.getProperty("user.home"), ".omero-ilastik", "secure_storage");
    }

    private ISecurePreferences node(URI server) throws CredentialStoreException {
        Path file = location();
        try {
            ISecurePreferences root = SecurePreferencesFactory.open(file.toUri().toURL(), null);
            if (root == null) {
                throw new CredentialStoreException("secure storage " + file + " cannot be opened", null);
            }
            return root.node(ROOT).node(EncodingUtils.encodeSlashes(CredentialStore.normalize(server).toString()));
        } catch (IOException e) {
            throw new CredentialStoreException("secure storage " + file + " cannot be opened: " + e.getMessage(), e);
        }
    }

    private static CredentialStoreException failed(String what, URI server, Exception e) {
        return new CredentialStoreException(what + " the login for " + CredentialStore.normalize(server) + " in secure storage " + location()
                + ": " + e.getMessage(), e);
    }

    @Override
    public void store(URI server, Login login, Optional<Path> trustedCertificate) throws CredentialStoreException {
        ISecurePreferences node = node(server);
        try {
            node.put(USER, login.user(), true);
            node.put(PASSWORD, new String(login.password()), true);
            putOrRemove(node, GROUP, login.group());
            putOrRemove(node, TRUSTED_CERTIFICATE, trustedCertificate.map(Path::toString));
            node.flush();
        } catch (StorageException | IOException e) {
            throw failed("cannot keep", server, e);
        }
    }

    private static void putOrRemove(ISecurePreferences node, String key, Optional<String> value) throws StorageException {
        if (value.isPresent()) {
            node.put(key, value.get(), false);
        } else {
            node.remove(key);
        }
    }

    @Override
    public void remove(URI server) throws CredentialStoreException {
        ISecurePreferences node = node(server);
        ISecurePreferences parent = node.parent();
        node.removeNode();
        try {
            parent.flush();
        } catch (IOException e) {
            throw failed("cannot forget", server, e);
        }
    }

    @Override
    public boolean has(URI server) throws CredentialStoreException {
        try {
            return node(server).get(USER, null) != null;
        } catch (StorageException e) {
            throw failed("cannot read", server, e);
        }
    }

    @Override
    public Trial trial(URI server, Login login, Optional<Path> trustedCertificate) {
        URI key = CredentialStore.normalize(server);
        trials.put(key, new Entry(login, trustedCertificate));
        return () -> trials.remove(key);
    }

    private Optional<Entry> entry(URI server) {
        URI key = CredentialStore.normalize(server);
        Entry trial = trials.get(key);
        if (trial != null) {
            return Optional.of(trial);
        }
        try {
            ISecurePreferences node = node(key);
            String user = node.get(USER, null);
            String password = user == null ? null : node.get(PASSWORD, null);
            if (password == null) {
                return Optional.empty();
            }
            return Optional.of(new Entry(new Login(user, password.toCharArray(), Optional.ofNullable(node.get(GROUP, null))),
                    Optional.ofNullable(node.get(TRUSTED_CERTIFICATE, null)).map(Path::of)));
        } catch (StorageException | CredentialStoreException e) {
            // No master password given, or a broken storage: no credentials from here. The message
            // names the storage, never the login.
            System.getLogger(SecureStorageCredentials.class.getName()).log(System.Logger.Level.WARNING, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public Optional<Login> credentials(URI server) {
        // A copy each time: the client clears the password it was given.
        return entry(server).map(e -> new Login(e.login().user(), Arrays.copyOf(e.login().password(), e.login().password().length),
                e.login().group()));
    }

    @Override
    public Optional<Path> trustedCertificate(URI server) {
        return entry(server).flatMap(Entry::trustedCertificate);
    }
}
