package org.omeroilastik.internal.ui.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.core.runtime.Platform;
import org.eclipse.equinox.internal.security.storage.SecurePreferencesMapper;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.omeroilastik.credentials.secure.CredentialStore;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.repository.omero.OmeroCredentials;
import org.omeroilastik.testing.Services;
import org.omeroilastik.testing.omero.OmeroWebDouble;
import org.omeroilastik.testing.omero.TestCertificates;
import org.omeroilastik.testing.ui.Screenshots;
import org.omeroilastik.testing.ui.UiRobot;
import org.omeroilastik.ui.DataExplorerView;
import org.omeroilastik.ui.DisplayThreadGuard;

/**
 * "Add connection…" driven through its widgets against the OMERO.web double: a wrong password is
 * named in the dialog, the right one is kept in secure storage (encrypted with a master password typed
 * into its dialog) and in no preferences file, the dataset's images show their thumbnails, a
 * re-created Data Explorer logs in again without asking, and "Remove connection" forgets the login.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnectionsTest {
    private static final String PASSWORD = "Tr0ub4dor&3-omero";
    private static final String MASTER = "correct horse battery staple";

    @TempDir
    static Path storage;

    @TempDir
    Path dir;

    private OmeroWebDouble web;

    @BeforeAll
    static void ownSecureStorage() {
        // Never the user's own storage; the component reads the property when it opens the storage.
        System.setProperty("omero.ilastik.secureStorage", storage.resolve("secure_storage").toString());
    }

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
    }

    private void serve(OmeroWebDouble double_) {
        web = double_;
        long lab = web.group("Lab");
        web.user("ann", PASSWORD, lab);
        long dataset = web.dataset(lab, "Screen run 1", web.project(lab, "Mitosis"));
        for (int i = 0; i < 4; i++) {
            int x = 64, y = 48;
            long id = web.image(lab, "cells_0" + i, dataset, x, y, 1, 1, 1, "uint8", 0.325);
            byte[] plane = new byte[x * y];
            for (int p = 0; p < plane.length; p++) {
                int px = p % x, py = p / x;
                // a disc whose size grows with the image's number, so each thumbnail differs
                plane[p] = (byte) (Math.hypot(px - x / 2.0, py - y / 2.0) < 6 + 4 * i ? 230 : 30 + px);
            }
            web.pixels(id, plane);
        }
    }

    // ---- driving the widgets ----------------------------------------------------------------------

    /** Lets the display paint everything pending (a screenshot copies the screen, not the widgets). */
    private static void settle() throws InterruptedException {
        Display display = Display.getCurrent();
        long end = System.currentTimeMillis() + 600;
        while (System.currentTimeMillis() < end) {
            if (!display.readAndDispatch()) {
                Thread.sleep(20);
            }
        }
    }

    private static Shell shell(String id) {
        for (Shell s : Display.getCurrent().getShells()) {
            if (!s.isDisposed() && id.equals(s.getData("id"))) {
                return s;
            }
        }
        return null;
    }

    private static void click(Button b) {
        assertTrue(b.isEnabled(), "button " + b.getData("id") + " is disabled");
        b.notifyListeners(SWT.Selection, new Event());
    }

    private static boolean shows(Composite root, String text) {
        for (Control c : root.getChildren()) {
            String t = c instanceof Label l ? l.getText() : c instanceof Text x ? x.getText() : "";
            if (t.contains(text) || c instanceof Composite k && shows(k, text)) {
                return true;
            }
        }
        return false;
    }

    /** Answers the master password dialog when it is open; true if it was. */
    private static boolean answerMasterPassword() {
        Shell s = shell("masterPasswordDialog");
        if (s == null) {
            return false;
        }
        UiRobot.find(s, "masterPassword", Text.class).setText(MASTER);
        try {
            UiRobot.find(s, "confirmMasterPassword", Text.class).setText(MASTER);
        } catch (AssertionError unlockingOnly) {
            // asked again in the same session: typed once
        }
        click(UiRobot.find(s, "ok", Button.class));
        return true;
    }

    private static TreeItem item(Tree tree, String prefix) {
        return UiRobot.treeItem(tree, null, t -> t.startsWith(prefix));
    }

    /** Expands an item as a click on its arrow does (the viewer loads children on SWT.Expand). */
    private static void expand(Tree tree, String prefix) {
        UiRobot.waitUntil(() -> item(tree, prefix) != null, 30_000, prefix + " in the tree");
        UiRobot.expand(tree, item(tree, prefix));
    }

    private static DataExplorerView explorer(IWorkbenchPage page) throws Exception {
        page.setPerspective(PlatformUI.getWorkbench().getPerspectiveRegistry().findPerspectiveWithId("org.omeroilastik.ui.perspective.explore"));
        return (DataExplorerView) page.showView(DataExplorerView.ID);
    }

    /** Opens the dialog from the Data Explorer's toolbar and fills the OMERO.web page. */
    private static Shell omeroPage(Shell window, URI server, String password, Path certificate) {
        UiRobot.clickToolItem(window, "Add connection\u2026");
        UiRobot.waitUntil(() -> shell("addConnectionDialog") != null, 10_000, "the Add connection dialog");
        Shell dialog = shell("addConnectionDialog");
        org.eclipse.swt.widgets.List kinds = UiRobot.find(dialog, "kinds", org.eclipse.swt.widgets.List.class);
        assertEquals(List.of("Local folder", "OMERO.web"), List.of(kinds.getItems()));
        kinds.select(1);
        kinds.notifyListeners(SWT.Selection, new Event());
        Composite page = UiRobot.find(dialog, "page.omero", Composite.class);
        assertFalse(UiRobot.find(dialog, "connect", Button.class).isEnabled(), "Connect before anything is typed");
        UiRobot.find(page, "server", Text.class).setText(server.toString());
        UiRobot.find(page, "user", Text.class).setText("ann");
        UiRobot.find(page, "password", Text.class).setText(password);
        if (certificate != null) {
            UiRobot.find(page, "certificate", Text.class).setText(certificate.toString());
        }
        return dialog;
    }

    private static void waitForError(Shell dialog, String text) {
        UiRobot.waitUntil(() -> shows(dialog, text), 30_000, "\"" + text + "\" in the dialog");
        assertTrue(UiRobot.find(dialog, "connect", Button.class).isEnabled(), "Connect enabled again after the failure");
    }

    /** Every file under the workspace that holds {@code secret}. */
    private static List<Path> filesHolding(Path root, String secret) throws Exception {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (Files.size(f) < 20_000_000 && new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(secret)) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    @Test
    @Order(1) // first: the master password is chosen when the first login is kept in this JVM
    void addsAnOmeroConnectionKeepsItsLoginInSecureStorageAndReconnects() throws Exception {
        serve(new OmeroWebDouble(null));
        URI server = CredentialStore.normalize(web.uri());
        String source = "omero:" + server;
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = window.getActivePage();
        DataExplorerView view = explorer(page);
        Shell shell = window.getShell();
        shell.setSize(1200, 800);

        // A wrong password: a clear line in the dialog, which stays open.
        Shell dialog = omeroPage(shell, web.uri(), "not-the-password", null);
        click(UiRobot.find(dialog, "connect", Button.class));
        waitForError(dialog, "Wrong user name or password for localhost:" + server.getPort() + ".");
        assertFalse(view.connections().contains(source));
        settle();
        Screenshots.save(dialog, "connection-dialog");

        // The right one: a master password is chosen for secure storage, the dialog closes.
        UiRobot.find(dialog, "password", Text.class).setText(PASSWORD);
        click(UiRobot.find(dialog, "connect", Button.class));
        boolean[] asked = {false};
        UiRobot.waitUntil(() -> {
            asked[0] |= answerMasterPassword();
            return dialog.isDisposed();
        }, 30_000, "the dialog to connect and close");
        assertTrue(asked[0], "the master password was asked for");
        assertTrue(view.connections().contains(source), view.connections().toString());

        CredentialStore store = Services.get(CredentialStore.class);
        assertTrue(store.has(server), "the login is in secure storage");
        Path secure = storage.resolve("secure_storage");
        assertTrue(Files.isRegularFile(secure), secure + " exists");
        assertEquals(List.of(), filesHolding(storage, PASSWORD), "the password is encrypted in secure storage");
        InstanceScope.INSTANCE.getNode("org.omeroilastik.ui").flush();
        Path workspace = Path.of(Platform.getInstanceLocation().getURL().toURI());
        assertTrue(Files.readString(workspace.resolve(".metadata/.plugins/org.eclipse.core.runtime/.settings/org.omeroilastik.ui.prefs"))
                .contains(server.getHost() + "\\:" + server.getPort()), "the connection (not its login) is a preference");
        assertEquals(List.of(), filesHolding(workspace, PASSWORD), "no workspace file holds the password");

        // Browse to the dataset: each image gets its thumbnail as icon.
        Tree tree = UiRobot.find(shell, "tree", Tree.class);
        expand(tree, source);
        expand(tree, "Mitosis");
        expand(tree, "Screen run 1");
        UiRobot.waitUntil(() -> item(tree, "cells_03") != null, 30_000, "the dataset's images");
        UiRobot.waitUntil(() -> Stream.of("cells_00", "cells_01", "cells_02", "cells_03").allMatch(n -> item(tree, n).getImage() != null),
                30_000, "the images' thumbnails");
        assertEquals(32, item(tree, "cells_00").getImage().getBounds().width);
        assertTrue(web.requestLog("/webgateway/render_thumbnail/").size() >= 4, web.requestLog("/webgateway/render_thumbnail/").toString());
        UiRobot.select(tree, item(tree, "cells_02"));
        UiRobot.waitUntil(() -> UiRobot.find(shell, "metadata", Text.class).getText().startsWith("Image "), 30_000, "the image's metadata");
        settle();
        Screenshots.save(shell, "explore-omero");

        // A re-created Data Explorer (as after a restart) logs in with the stored login, asking nothing;
        // the closed one disposed its icons.
        org.eclipse.swt.graphics.Image icon = item(tree, "cells_00").getImage();
        int logouts = web.requestLog("/webclient/logout/").size(); // the dialog's check logged out already
        page.hideView(view);
        UiRobot.waitUntil(() -> tree.isDisposed(), 10_000, "the view's tree disposed");
        assertTrue(icon.isDisposed(), "thumbnail icons are disposed with the view");
        UiRobot.waitUntil(() -> web.requestLog("/webclient/logout/").size() > logouts, 10_000, "the closed view's logout (in a Job)");
        int logins = web.logins();
        DataExplorerView again = explorer(page);
        Tree tree2 = UiRobot.find(shell, "tree", Tree.class);
        expand(tree2, source);
        UiRobot.waitUntil(() -> {
            assertNull(shell("addConnectionDialog"), "no connection dialog on reconnecting");
            assertNull(shell("masterPasswordDialog"), "no master password asked twice in a session");
            return item(tree2, "Mitosis") != null;
        }, 30_000, "the projects after reconnecting");
        assertEquals(logins + 1, web.logins(), "one new login");

        // A restart: the storage is read again from its file and its master password is forgotten.
        // Reconnecting asks for the master password once (a wrong one: asked again), nothing else.
        SecurePreferencesMapper.stop();
        page.hideView(again);
        int loginsBeforeRestart = web.logins();
        DataExplorerView restarted = explorer(page);
        Tree tree3 = UiRobot.find(shell, "tree", Tree.class);
        expand(tree3, source);
        UiRobot.waitUntil(() -> shell("masterPasswordDialog") != null, 30_000, "the master password asked after the restart");
        Shell unlock = shell("masterPasswordDialog");
        assertThrows(AssertionError.class, () -> UiRobot.find(unlock, "confirmMasterPassword", Text.class), "typed once to unlock");
        UiRobot.find(unlock, "masterPassword", Text.class).setText("not the master password");
        click(UiRobot.find(unlock, "ok", Button.class));
        UiRobot.waitUntil(() -> shell("masterPasswordDialog") != null && shell("masterPasswordDialog") != unlock, 30_000,
                "the master password asked again");
        assertTrue(shows(shell("masterPasswordDialog"), "Wrong master password; try again."));
        assertTrue(answerMasterPassword());
        UiRobot.waitUntil(() -> {
            assertNull(shell("addConnectionDialog"), "no connection dialog after a restart");
            return item(tree3, "Mitosis") != null;
        }, 30_000, "the projects after the restart");
        assertNull(shell("masterPasswordDialog"));
        assertEquals(loginsBeforeRestart + 1, web.logins(), "one new login after the restart");

        // Remove connection: gone from the tree and the preferences, its login forgotten.
        TreeItem connection = item(tree3, source);
        tree3.setSelection(connection);
        Event e = new Event();
        e.item = connection;
        tree3.notifyListeners(SWT.Selection, e);
        assertEquals(source, restarted.selectedConnection().orElse(null));
        UiRobot.clickToolItem(shell, "Remove connection");
        UiRobot.waitUntil(() -> !restarted.connections().contains(source) && !hasLogin(store, server), 30_000, "the connection removed");
        assertNull(item(tree3, source));
        InstanceScope.INSTANCE.getNode("org.omeroilastik.ui").flush();
        assertFalse(Files.readString(workspace.resolve(".metadata/.plugins/org.eclipse.core.runtime/.settings/org.omeroilastik.ui.prefs"))
                .contains(server.getHost() + "\\:" + server.getPort()), "the connection is gone from the preferences");
        assertEquals(List.of(), DisplayThreadGuard.violations());
    }

    @Test
    @Order(3)
    void addsALocalFolder() throws Exception {
        Path missing = dir.resolve("no-such-folder");
        String source = "local:" + dir.resolve("repo");
        try (Repository repo = Services.get(Repositories.class).open(source, true)) {
            repo.dataManager().createProject("Local cells", "");
        }
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        DataExplorerView view = explorer(window.getActivePage());
        Shell shell = window.getShell();
        UiRobot.clickToolItem(shell, "Add connection\u2026");
        UiRobot.waitUntil(() -> shell("addConnectionDialog") != null, 10_000, "the Add connection dialog");
        Shell dialog = shell("addConnectionDialog");
        // The first kind is selected when the dialog opens.
        Composite page = UiRobot.find(dialog, "page.local", Composite.class);
        assertTrue(page.isVisible());
        assertTrue(shows(dialog, "Choose the repository's folder."));
        UiRobot.find(page, "folder", Text.class).setText(missing.toString());
        click(UiRobot.find(dialog, "connect", Button.class));
        waitForError(dialog, "No folder " + missing + ".");
        UiRobot.find(page, "folder", Text.class).setText(dir.resolve("repo").toString());
        click(UiRobot.find(dialog, "connect", Button.class));
        UiRobot.waitUntil(dialog::isDisposed, 30_000, "the dialog to close");
        assertTrue(view.connections().contains(source), view.connections().toString());
        Tree tree = UiRobot.find(shell, "tree", Tree.class);
        expand(tree, source);
        UiRobot.waitUntil(() -> item(tree, "Local cells") != null, 30_000, "the local project");
        view.removeConnection(source);
        assertFalse(view.connections().contains(source));
        assertEquals(List.of(), DisplayThreadGuard.violations());
    }

    private static boolean hasLogin(CredentialStore store, URI server) {
        try {
            return store.has(server);
        } catch (CredentialStore.CredentialStoreException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The workbench includes the headless feature, so the environment and terminal-prompt components
     * are installed too: secure storage must rank above both.
     */
    @Test
    @Order(0)
    void secureStorageOutranksTheHeadlessCredentials() throws Exception {
        org.osgi.framework.BundleContext context = org.osgi.framework.FrameworkUtil.getBundle(getClass()).getBundleContext();
        Services.get(CredentialStore.class); // waits for DS
        List<String> byRank = new ArrayList<>();
        List<org.osgi.framework.ServiceReference<OmeroCredentials>> refs = new ArrayList<>(
                context.getServiceReferences(OmeroCredentials.class, null));
        refs.sort(java.util.Collections.reverseOrder()); // ServiceReference order: ranking, then age
        for (org.osgi.framework.ServiceReference<OmeroCredentials> r : refs) {
            byRank.add(r.getBundle().getSymbolicName() + "@" + r.getProperty("service.ranking"));
        }
        assertEquals(List.of("org.omeroilastik.credentials.secure@100", "org.omeroilastik.repository.omero@0",
                "org.omeroilastik.batch@-10"), byRank);
    }

    @Test
    @Order(2)
    void namesAnUntrustedCertificateAndAnUnreachableServer() throws Exception {
        TestCertificates certs = TestCertificates.create(dir);
        serve(new OmeroWebDouble(certs.serverContext()));
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        DataExplorerView view = explorer(window.getActivePage());
        Shell shell = window.getShell();

        Shell dialog = omeroPage(shell, web.uri(), PASSWORD, null);
        click(UiRobot.find(dialog, "connect", Button.class));
        waitForError(dialog, "TLS verification failed: localhost:" + web.uri().getPort() + "'s certificate is not trusted.");

        // Nothing listens on a port just closed.
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        UiRobot.find(dialog, "server", Text.class).setText("https://localhost:" + closedPort);
        click(UiRobot.find(dialog, "connect", Button.class));
        waitForError(dialog, "Cannot reach localhost:" + closedPort + ": nothing answers at that address and port.");

        // With the server's own certificate it connects; TLS verification stayed on throughout.
        UiRobot.find(dialog, "server", Text.class).setText(web.uri().toString());
        UiRobot.find(dialog, "certificate", Text.class).setText(certs.certificate().toString());
        click(UiRobot.find(dialog, "connect", Button.class));
        UiRobot.waitUntil(() -> {
            answerMasterPassword();
            return dialog.isDisposed();
        }, 30_000, "the dialog to connect over HTTPS and close");
        String source = "omero:" + CredentialStore.normalize(web.uri());
        assertTrue(view.connections().contains(source));
        Tree tree = UiRobot.find(shell, "tree", Tree.class);
        expand(tree, source);
        UiRobot.waitUntil(() -> item(tree, "Mitosis") != null, 30_000, "the projects over HTTPS with the stored certificate");
        view.removeConnection(source);
        RemoveConnectionHandler.remove(source).join();
        assertFalse(Services.get(CredentialStore.class).has(CredentialStore.normalize(web.uri())));
        assertEquals(List.of(), DisplayThreadGuard.violations());
    }
}
