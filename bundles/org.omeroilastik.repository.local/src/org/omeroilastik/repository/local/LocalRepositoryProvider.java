package org.omeroilastik.repository.local;

import java.nio.file.Path;

import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.repository.RepositoryException;
import org.omeroilastik.repository.RepositoryProvider;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Opens {@code local:DIR} sources. */
@Component(service = RepositoryProvider.class)
public final class LocalRepositoryProvider implements RepositoryProvider {
    @Reference
    private ImageFormats formats;

    @Override
    public String scheme() {
        return "local";
    }

    @Override
    public Repository open(String location, boolean create) throws RepositoryException {
        return LocalRepository.open(Path.of(location), create, formats);
    }
}
