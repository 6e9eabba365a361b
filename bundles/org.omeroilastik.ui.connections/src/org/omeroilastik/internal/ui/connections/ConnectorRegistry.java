package org.omeroilastik.internal.ui.connections;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.Platform;
import org.omeroilastik.ui.connections.RepositoryConnector;

/** The kinds of connection contributed to {@value #POINT}, in their order. */
final class ConnectorRegistry {
    static final String POINT = "org.omeroilastik.ui.connections.repositoryConnectors";

    /** One contribution; {@link #create} makes a fresh connector for a dialog. */
    record Kind(String id, String name, String scheme, int order, String description, IConfigurationElement element) {
        RepositoryConnector create() throws CoreException {
            return (RepositoryConnector) element.createExecutableExtension("class");
        }
    }

    private ConnectorRegistry() {
    }

    static List<Kind> kinds() {
        List<Kind> kinds = new ArrayList<>();
        for (IConfigurationElement e : Platform.getExtensionRegistry().getConfigurationElementsFor(POINT)) {
            if (!"connector".equals(e.getName())) {
                continue;
            }
            int order;
            try {
                order = e.getAttribute("order") == null ? 100 : Integer.parseInt(e.getAttribute("order").strip());
            } catch (NumberFormatException bad) {
                order = 100;
            }
            String id = e.getContributor().getName() + "." + e.getAttribute("id");
            kinds.add(new Kind(id, e.getAttribute("name"), e.getAttribute("scheme"), order,
                    e.getAttribute("description") == null ? "" : e.getAttribute("description"), e));
        }
        kinds.sort(Comparator.comparingInt(Kind::order).thenComparing(Kind::name));
        return kinds;
    }

    /** The kind whose sources have the scheme of {@code source} ({@code scheme:location}). */
    static Optional<Kind> forSource(String source) {
        int colon = source.indexOf(':');
        String scheme = colon < 0 ? "" : source.substring(0, colon);
        return kinds().stream().filter(k -> scheme.equals(k.scheme())).findFirst();
    }
}
