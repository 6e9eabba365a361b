package org.omeroilastik.internal.repository.omero;

import java.net.URI;
import java.util.Optional;

import org.omeroilastik.repository.omero.OmeroCredentials;
import org.osgi.service.component.annotations.Component;

/** Headless credentials: {@code OMERO_USER}, {@code OMERO_PASSWORD} and optionally {@code OMERO_GROUP}. */
@Component(service = OmeroCredentials.class, property = "service.ranking:Integer=0")
public final class EnvironmentCredentials implements OmeroCredentials {

    @Override
    public Optional<Login> credentials(URI server) {
        String user = System.getenv("OMERO_USER");
        String password = System.getenv("OMERO_PASSWORD");
        if (user == null || user.isBlank() || password == null) {
            return Optional.empty();
        }
        String group = System.getenv("OMERO_GROUP");
        return Optional.of(new Login(user, password.toCharArray(), Optional.ofNullable(group).filter(g -> !g.isBlank())));
    }
}
