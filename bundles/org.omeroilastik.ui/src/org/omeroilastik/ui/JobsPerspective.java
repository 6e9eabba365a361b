package org.omeroilastik.ui;

import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/** Jobs: the data explorer to start jobs from, the jobs view and Eclipse's Progress view. */
public final class JobsPerspective implements IPerspectiveFactory {
    public static final String ID = "org.omeroilastik.ui.perspective.jobs";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        layout.setEditorAreaVisible(false);
        // The Jobs and Progress views sit below the editor area, not beside the explorer: a job editor opened here
        // (New ilastik job…) takes the top right, and the explorer keeps its width (it was squeezed to a fifth of it).
        layout.addView(DataExplorerView.ID, IPageLayout.LEFT, 0.27f, layout.getEditorArea());
        layout.addView(JobsView.ID, IPageLayout.BOTTOM, 0.55f, layout.getEditorArea());
        layout.addView(IPageLayout.ID_PROGRESS_VIEW, IPageLayout.RIGHT, 0.68f, JobsView.ID);
    }
}
