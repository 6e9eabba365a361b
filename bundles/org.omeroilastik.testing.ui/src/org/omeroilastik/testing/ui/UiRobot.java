package org.omeroilastik.testing.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.eclipse.swt.SWT;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;

/** A tiny SWTBot substitute: find widgets by their "id" data and pump the event loop until a condition holds. */
public final class UiRobot {
    private UiRobot() {
    }

    public static <T extends Control> T find(Composite root, String id, Class<T> type) {
        for (Control c : root.getChildren()) {
            if (type.isInstance(c) && id.equals(c.getData("id"))) {
                return type.cast(c);
            }
            if (c instanceof Composite child) {
                T found = findOrNull(child, id, type);
                if (found != null) {
                    return found;
                }
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " with id '" + id + "'");
    }

    private static <T extends Control> T findOrNull(Composite root, String id, Class<T> type) {
        try {
            return find(root, id, type);
        } catch (AssertionError e) {
            return null;
        }
    }

    /** Every widget of {@code type} below {@code root}, depth first. */
    public static <T extends Control> List<T> all(Composite root, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Control c : root.getChildren()) {
            if (type.isInstance(c)) {
                out.add(type.cast(c));
            }
            if (c instanceof Composite k) {
                out.addAll(all(k, type));
            }
        }
        return out;
    }

    /** Runs the display loop until {@code done} is true; fails after {@code timeoutMillis}. */
    public static void waitUntil(BooleanSupplier done, long timeoutMillis, String what) {
        Display display = Display.getCurrent();
        long end = System.currentTimeMillis() + timeoutMillis;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
    }

    /**
     * The first tree item, depth first, whose text passes {@code text}: among the descendants of the
     * top-level item labelled {@code root} (a connection: other tests' connections stay in the
     * explorer), or anywhere in the tree when {@code root} is null. Null when there is none yet.
     */
    public static TreeItem treeItem(Tree tree, String root, Predicate<String> text) {
        for (TreeItem top : tree.getItems()) {
            if (root == null) {
                TreeItem found = treeItem(top, text);
                if (found != null) {
                    return found;
                }
            } else if (top.getText().equals(root)) {
                for (TreeItem child : top.getItems()) {
                    TreeItem found = treeItem(child, text);
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        return null;
    }

    private static TreeItem treeItem(TreeItem item, Predicate<String> text) {
        if (text.test(item.getText())) {
            return item;
        }
        for (TreeItem child : item.getItems()) {
            TreeItem found = treeItem(child, text);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Selects a tree item as a click on it does (the viewer hears SWT.Selection with the item). */
    public static void select(Tree tree, TreeItem item) {
        tree.setSelection(item);
        Event e = new Event();
        e.item = item;
        tree.notifyListeners(SWT.Selection, e);
    }

    /** Expands a tree item as a click on its arrow does (a viewer loads the children on SWT.Expand). */
    public static void expand(Tree tree, TreeItem item) {
        Event e = new Event();
        e.item = item;
        tree.notifyListeners(SWT.Expand, e);
        item.setExpanded(true);
    }

    /** Shows a context menu (a menu manager adds its contributions then) and finds the item labelled {@code text}. */
    public static MenuItem menuItem(Menu menu, String text) {
        menu.notifyListeners(SWT.Show, new Event());
        List<String> items = new ArrayList<>();
        for (MenuItem item : menu.getItems()) {
            items.add(item.getText());
            if (item.getText().replace("&", "").equals(text)) {
                return item;
            }
        }
        throw new AssertionError("the context menu offers no " + text + ": " + items);
    }

    /** Selects the one visible tool item labelled {@code text} in {@code shell} (a view's toolbar button). */
    public static void clickToolItem(Shell shell, String text) {
        List<ToolItem> found = new ArrayList<>();
        collectToolItems(shell, text, found);
        if (found.size() != 1) {
            throw new AssertionError("tool items labelled " + text + ": expected 1, found " + found.size());
        }
        found.get(0).notifyListeners(SWT.Selection, new Event());
    }

    private static void collectToolItems(Composite root, String text, List<ToolItem> out) {
        for (Control c : root.getChildren()) {
            if (c instanceof ToolBar bar && c.isVisible()) {
                for (ToolItem i : bar.getItems()) {
                    if (text.equals(i.getText())) {
                        out.add(i);
                    }
                }
            }
            if (c instanceof Composite k) {
                collectToolItems(k, text, out);
            }
        }
    }
}
