package org.omeroilastik.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.RegistryFactory;

/** Reads the {@code org.omeroilastik.export.api.exporters} extension point. */
public final class ExporterRegistry {
    /** The extension point's full id. */
    public static final String POINT = "org.omeroilastik.export.api.exporters";

    private ExporterRegistry() {
    }

    /** Every contributed exporter, by label. */
    public static List<ExporterDescriptor> all() {
        List<ExporterDescriptor> out = new ArrayList<>();
        for (IConfigurationElement e : elements()) {
            out.add(new ExporterDescriptor(e.getAttribute("id"), e.getAttribute("label"),
                    e.getAttribute("description") == null ? "" : e.getAttribute("description"), e.getContributor().getName()));
        }
        out.sort(Comparator.comparing(ExporterDescriptor::label));
        return out;
    }

    public static Optional<ExporterDescriptor> find(String id) {
        return all().stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /**
     * A new instance of the exporter {@code id}.
     *
     * @throws IllegalArgumentException when no bundle contributes that id, or its class cannot be created
     */
    public static Exporter create(String id) {
        for (IConfigurationElement e : elements()) {
            if (id.equals(e.getAttribute("id"))) {
                try {
                    return (Exporter) e.createExecutableExtension("class");
                } catch (CoreException | ClassCastException x) {
                    throw new IllegalArgumentException("exporter '" + id + "' of bundle " + e.getContributor().getName()
                            + " cannot be created: " + x.getMessage(), x);
                }
            }
        }
        throw new IllegalArgumentException("no installed bundle contributes the exporter '" + id + "' (installed: "
                + all().stream().map(ExporterDescriptor::id).toList() + ")");
    }

    private static IConfigurationElement[] elements() {
        IExtensionRegistry registry = RegistryFactory.getRegistry();
        if (registry == null) {
            throw new IllegalStateException("no extension registry: org.eclipse.equinox.registry is not running");
        }
        return registry.getConfigurationElementsFor(POINT);
    }
}
