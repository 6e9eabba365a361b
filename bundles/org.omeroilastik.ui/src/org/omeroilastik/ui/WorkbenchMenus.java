package org.omeroilastik.ui;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.GroupMarker;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.actions.ContributionItemFactory;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;

/**
 * The menu bar: File, Window and Help with the platform's standard ids and "additions" groups, so
 * other bundles contribute to them through org.eclipse.ui.menus (menu:file?after=additions).
 */
final class WorkbenchMenus extends ActionBarAdvisor {
    /** The Error Log view of org.eclipse.ui.views.log (its id still carries its PDE origin). */
    static final String ERROR_LOG = "org.eclipse.pde.runtime.LogView";

    private ActionFactory.IWorkbenchAction exit;
    private ActionFactory.IWorkbenchAction preferences;
    private ActionFactory.IWorkbenchAction resetPerspective;
    private Action about;
    private Action errorLog;

    WorkbenchMenus(IActionBarConfigurer configurer) {
        super(configurer);
    }

    @Override
    protected void makeActions(IWorkbenchWindow window) {
        exit = ActionFactory.QUIT.create(window);
        register(exit);
        preferences = ActionFactory.PREFERENCES.create(window);
        register(preferences);
        resetPerspective = ActionFactory.RESET_PERSPECTIVE.create(window);
        register(resetPerspective);
        about = new Action("&About OMERO ilastik Workbench") {
            @Override
            public void run() {
                new AboutDialog(window.getShell()).open();
            }
        };
        about.setId("org.omeroilastik.ui.about");
        errorLog = new Action("&Error Log") {
            @Override
            public void run() {
                try {
                    window.getActivePage().showView(ERROR_LOG);
                } catch (PartInitException e) {
                    org.eclipse.jface.dialogs.ErrorDialog.openError(window.getShell(), "Error Log", "The Error Log view cannot open",
                            e.getStatus());
                }
            }
        };
        errorLog.setId("org.omeroilastik.ui.errorLog");
    }

    @Override
    protected void fillMenuBar(IMenuManager bar) {
        MenuManager file = new MenuManager("&File", IWorkbenchActionConstants.M_FILE);
        file.add(new GroupMarker(IWorkbenchActionConstants.FILE_START));
        file.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        file.add(new Separator());
        file.add(exit);
        MenuManager window = new MenuManager("&Window", IWorkbenchActionConstants.M_WINDOW);
        MenuManager perspectives = new MenuManager("Open &Perspective");
        perspectives.add(ContributionItemFactory.PERSPECTIVES_SHORTLIST.create(getActionBarConfigurer().getWindowConfigurer().getWindow()));
        window.add(perspectives);
        MenuManager views = new MenuManager("Show &View");
        views.add(ContributionItemFactory.VIEWS_SHORTLIST.create(getActionBarConfigurer().getWindowConfigurer().getWindow()));
        window.add(views);
        window.add(resetPerspective);
        window.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        window.add(new Separator());
        window.add(preferences);
        MenuManager help = new MenuManager("&Help", IWorkbenchActionConstants.M_HELP);
        help.add(errorLog);
        help.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        help.add(new Separator());
        help.add(about);
        bar.add(file);
        bar.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        bar.add(window);
        bar.add(help);
    }
}
