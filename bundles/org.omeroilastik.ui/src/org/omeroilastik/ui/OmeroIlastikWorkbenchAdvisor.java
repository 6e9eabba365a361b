package org.omeroilastik.ui;

import org.eclipse.swt.graphics.Point;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/** Opens the Explore perspective in a window titled after the product, with the File, Window and Help menus. */
final class OmeroIlastikWorkbenchAdvisor extends WorkbenchAdvisor {

    @Override
    public String getInitialWindowPerspectiveId() {
        return ExplorePerspective.ID;
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new WorkbenchWindowAdvisor(configurer) {
            @Override
            public org.eclipse.ui.application.ActionBarAdvisor createActionBarAdvisor(
                    org.eclipse.ui.application.IActionBarConfigurer bars) {
                return new WorkbenchMenus(bars);
            }

            @Override
            public void preWindowOpen() {
                IWorkbenchWindowConfigurer c = getWindowConfigurer();
                c.setInitialSize(new Point(1200, 800));
                c.setShowStatusLine(true);
                c.setShowCoolBar(false);
                c.setTitle("OMERO ilastik Workbench");
            }
        };
    }
}
