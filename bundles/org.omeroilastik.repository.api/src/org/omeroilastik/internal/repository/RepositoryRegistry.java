package org.omeroilastik.internal.repository;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.repository.RepositoryException;
import org.omeroilastik.repository.RepositoryProvider;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Collects the providers backends register (the local repository, OMERO, third parties). */
@Component(service = Repositories.class)
public final class RepositoryRegistry implements Repositories {
    private final List<RepositoryProvider> providers = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProvider(RepositoryProvider p) {
        providers.add(p);
    }

    void removeProvider(RepositoryProvider p) {
        providers.remove(p);
    }

    @Override
    public List<String> schemes() {
        return providers.stream().map(RepositoryProvider::scheme).sorted().toList();
    }

    @Override
    public Repository open(String source, boolean create) throws RepositoryException {
        int colon = source.indexOf(':');
        if (colon <= 0) {
            throw new RepositoryException("repository source '" + source + "' needs a scheme, e.g. local:DIR (known: "
                    + String.join(", ", schemes()) + ")");
        }
        String scheme = source.substring(0, colon);
        for (RepositoryProvider p : providers) {
            if (p.scheme().equals(scheme)) {
                return p.open(source.substring(colon + 1), create);
            }
        }
        throw new RepositoryException("unknown repository scheme '" + scheme + "' (known: " + String.join(", ", schemes()) + ")");
    }
}
