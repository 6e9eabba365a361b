package org.omeroilastik.repository.omero.tests;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;

import org.omeroilastik.repository.omero.OmeroCredentials;
import org.omeroilastik.testing.omero.OmeroWebDouble;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

/** Credentials for one OMERO.web double only (matched by its port), ranked above the environment's. */
final class DoubleLogins {
    private DoubleLogins() {
    }

    /** Registers the login; the caller unregisters it when its test ends. {@code group} may be null. */
    static ServiceRegistration<OmeroCredentials> register(OmeroWebDouble web, String user, String password, String group) {
        int port = web.uri().getPort();
        OmeroCredentials c = server -> server.getPort() == port
                ? Optional.of(new OmeroCredentials.Login(user, password.toCharArray(), Optional.ofNullable(group)))
                : Optional.empty();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("service.ranking", 100);
        return FrameworkUtil.getBundle(DoubleLogins.class).getBundleContext().registerService(OmeroCredentials.class, c, props);
    }
}
