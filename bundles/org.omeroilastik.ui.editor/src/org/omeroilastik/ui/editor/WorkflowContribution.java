package org.omeroilastik.ui.editor;

import java.util.List;
import java.util.Set;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.omeroilastik.jobs.JobSpec;

/**
 * One contribution to the workflows extension point.
 *
 * @param name the workflow name as the .ilp stores it
 * @param label what the editor shows
 * @param engines the engines bound to it
 * @param pages its editor pages, in order
 */
public record WorkflowContribution(String name, String label, Set<JobSpec.Engine> engines, List<Page> pages) {

    /** A page: its tab title, and the element that creates it. */
    public record Page(String title, IConfigurationElement element) {
        /** A new instance of the page's class. */
        public WorkflowPage create() throws CoreException {
            return (WorkflowPage) element.createExecutableExtension("class");
        }
    }
}
