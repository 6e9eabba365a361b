package org.omeroilastik.ui;

import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/** Jobs: the data explorer to start jobs from, the jobs view and Eclipse's Progress view. */
public final class JobsPerspective implements IPerspectiveFactory {
    public static final String ID = "org.omeroilastik.ui.perspective.jobs";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        layout.setEditorAreaVisible(false);
        layout.addView(DataExplorerView.ID, IPageLayout.LEFT, 0.3f, layout.getEditorArea());
        layout.addView(JobsView.ID, IPageLayout.RIGHT, 0.32f, DataExplorerView.ID);
        layout.addView(IPageLayout.ID_PROGRESS_VIEW, IPageLayout.BOTTOM, 0.7f, JobsView.ID);
    }
}
