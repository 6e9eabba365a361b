package org.omeroilastik.internal.ui.connections;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.provider.IPreferencesContainer;
import org.eclipse.equinox.security.storage.provider.PasswordProvider;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;

/**
 * Encrypts the workbench's secure storage with a master password the user chooses the first time a
 * login is kept and types once per session after that (Equinox keeps it in memory until the
 * application exits). Needs neither the Eclipse IDE's security UI nor a desktop keyring. Without a
 * running workbench it gives no password, so the storage stays locked.
 */
public final class MasterPasswordProvider extends PasswordProvider {
    /** Wrong passwords in a row before giving up (the user can also cancel). */
    private static final int ATTEMPTS = 5;
    private int failures;
    /** Set by {@link #retryOnError}: the next question says the last answer was wrong. */
    private boolean retrying;

    @Override
    public PBEKeySpec getPassword(IPreferencesContainer container, int passwordType) {
        // Equinox sets the promptUser option to false whenever its own UI bundle
        // (org.eclipse.equinox.security.ui) is absent, so that option cannot say whether a person can
        // answer here; a running workbench can.
        if (!PlatformUI.isWorkbenchRunning()) {
            return null;
        }
        Display display = PlatformUI.getWorkbench().getDisplay();
        boolean create = (passwordType & CREATE_NEW_PASSWORD) != 0;
        String file = container.getLocation() == null ? "" : container.getLocation().getPath();
        String note;
        synchronized (this) {
            note = retrying ? "Wrong master password; try again." : null;
            if (!retrying) {
                failures = 0;
            }
            retrying = false;
        }
        char[] password = ask(display, create, file, note);
        return password == null ? null : new PBEKeySpec(password);
    }

    @Override
    public synchronized boolean retryOnError(Exception e, IPreferencesContainer container) {
        failures++;
        retrying = failures < ATTEMPTS;
        return retrying;
    }

    /**
     * Asks on the display thread. Called from a Job (the usual case) it waits for the answer without
     * blocking the display thread in a nested modal loop; called on the display thread it opens the
     * dialog modally.
     */
    private char[] ask(Display display, boolean create, String file, String note) {
        if (display.isDisposed()) {
            return null;
        }
        if (Display.getCurrent() == display) {
            MasterPasswordDialog d = new MasterPasswordDialog(display.getActiveShell(), create, file, note, null);
            d.open();
            return d.password();
        }
        CompletableFuture<char[]> answer = new CompletableFuture<>();
        display.asyncExec(() -> {
            MasterPasswordDialog d = new MasterPasswordDialog(display.getActiveShell(), create, file, note, answer);
            d.setBlockOnOpen(false);
            d.open();
        });
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null;
        }
    }
}
