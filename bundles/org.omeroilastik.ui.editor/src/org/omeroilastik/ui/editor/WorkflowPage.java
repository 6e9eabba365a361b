package org.omeroilastik.ui.editor;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;

/**
 * An editor page a workflow contributes through the {@code org.omeroilastik.ui.editor.workflows} extension
 * point; the editor creates one instance per open job, on the display thread.
 */
public interface WorkflowPage {

    /** Builds the page's widgets under {@code parent} and returns its top control. */
    Control createControl(Composite parent, JobContext context);
}
