package org.omeroilastik.internal.ui.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Platform;
import org.omeroilastik.ui.results.ResultViewer;

/** Reads the {@value #POINT} extension point: every contributed viewer, in contribution order. */
public final class ResultViewerRegistry {
    public static final String POINT = "org.omeroilastik.ui.results.resultViewers";

    /** One contribution: its id and name, the viewer, and how its overlays start (shown or not, opacity 0..1). */
    public record Contribution(String id, String name, ResultViewer viewer, boolean visible, double opacity, int order) {
    }

    private ResultViewerRegistry() {
    }

    /** Every contribution that could be created; a broken one is logged, naming its bundle, and skipped. */
    public static List<Contribution> contributions() {
        List<Contribution> out = new ArrayList<>();
        for (IConfigurationElement e : Platform.getExtensionRegistry().getConfigurationElementsFor(POINT)) {
            if (!"viewer".equals(e.getName())) {
                continue;
            }
            String where = e.getContributor().getName() + ": " + POINT + " viewer '" + e.getAttribute("id") + "'";
            try {
                ResultViewer viewer = (ResultViewer) e.createExecutableExtension("class");
                String opacity = e.getAttribute("opacity");
                String order = e.getAttribute("order");
                out.add(new Contribution(e.getAttribute("id"), e.getAttribute("name"), viewer, !"false".equals(e.getAttribute("visible")),
                        opacity == null ? 0.5 : Math.clamp(Double.parseDouble(opacity), 0.0, 1.0), order == null ? 100 : Integer.parseInt(order)));
            } catch (CoreException | RuntimeException ex) {
                ILog.of(ResultViewerRegistry.class).error(where + ": cannot be created: " + ex.getMessage(), ex);
            }
        }
        out.sort(Comparator.comparingInt(Contribution::order));
        return out;
    }
}
