package org.omeroilastik.testing.ui;

import java.util.function.BooleanSupplier;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;

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
}
