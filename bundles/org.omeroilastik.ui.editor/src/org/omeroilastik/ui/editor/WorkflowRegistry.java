package org.omeroilastik.ui.editor;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.Platform;
import org.omeroilastik.ilp.Workflow;
import org.omeroilastik.jobs.JobSpec;

/** Reads the {@code org.omeroilastik.ui.editor.workflows} extension point. */
public final class WorkflowRegistry {
    public static final String POINT = "org.omeroilastik.ui.editor.workflows";

    private WorkflowRegistry() {
    }

    public static List<WorkflowContribution> all() {
        List<WorkflowContribution> out = new ArrayList<>();
        for (IConfigurationElement e : Platform.getExtensionRegistry().getConfigurationElementsFor(POINT)) {
            Set<JobSpec.Engine> engines = EnumSet.noneOf(JobSpec.Engine.class);
            String bound = e.getAttribute("engines") == null ? "" : e.getAttribute("engines");
            for (String s : bound.split(",")) {
                if (!s.isBlank()) {
                    try {
                        engines.add(JobSpec.Engine.parse(s));
                    } catch (IllegalArgumentException x) {
                        Platform.getLog(WorkflowRegistry.class).warn("workflow " + e.getAttribute("name") + " of bundle "
                                + e.getContributor().getName() + ": " + x.getMessage());
                    }
                }
            }
            List<WorkflowContribution.Page> pages = new ArrayList<>();
            for (IConfigurationElement p : e.getChildren("page")) {
                pages.add(new WorkflowContribution.Page(p.getAttribute("title"), p));
            }
            out.add(new WorkflowContribution(e.getAttribute("name"), e.getAttribute("label"), engines, pages));
        }
        return out;
    }

    /**
     * The contribution for a workflow name as the .ilp stores it. ilastik has stored some workflows under more
     * than one name over its versions (e.g. "Pixel Classification" and "PixelClassificationWorkflow"): a
     * contribution naming one of them serves them all.
     */
    public static Optional<WorkflowContribution> forWorkflow(String storedName) {
        Optional<Workflow> known = Workflow.ofStoredName(storedName);
        return all().stream().filter(c -> c.name().equals(storedName) || known.isPresent() && known.equals(Workflow.ofStoredName(c.name())))
                .findFirst();
    }
}
