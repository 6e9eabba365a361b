package org.omeroilastik.ui;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.swt.widgets.Display;

/**
 * Records repository, engine or file work that runs on the display thread: every such call goes
 * through {@link #check}, and the UI tests assert that nothing was recorded.
 */
public final class DisplayThreadGuard {
    private static final List<String> VIOLATIONS = new CopyOnWriteArrayList<>();

    private DisplayThreadGuard() {
    }

    public static void check(String what) {
        if (Display.getCurrent() != null) {
            VIOLATIONS.add(what + " on the display thread");
        }
    }

    public static List<String> violations() {
        return List.copyOf(VIOLATIONS);
    }
}
