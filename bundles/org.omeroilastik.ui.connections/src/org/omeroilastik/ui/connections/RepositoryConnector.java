package org.omeroilastik.ui.connections;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.swt.widgets.Composite;

/**
 * One kind of connection in the "Add connection…" dialog, contributed through the
 * {@code org.omeroilastik.ui.connections.repositoryConnectors} extension point. One instance per
 * dialog; every method but {@link Attempt#connect} and {@link #forget} runs on the display thread and
 * does no I/O.
 */
public interface RepositoryConnector {

    /** Builds the page's fields in {@code parent}; calls {@code changed} whenever an entry changes. */
    void createControls(Composite parent, Runnable changed);

    /** What is missing in the entries (shown in the dialog), or null when the page can connect. */
    String incomplete();

    /** The entries read into a connection attempt (called only when {@link #incomplete} is null). */
    Attempt attempt();

    /**
     * Forgets what connecting to {@code source} kept (a stored login) when the connection is removed.
     * Runs in a Job.
     */
    default void forget(String source) throws Exception {
    }

    /** A connection about to be made, from the entries of the page. */
    interface Attempt {
        /** The repository source the Data Explorer will add, {@code scheme:location}. */
        String source();

        /**
         * Opens the source once to check it (in a Job, never on the display thread) and keeps what a
         * later session needs; throws with a short message for the dialog (wrong password, unreachable
         * server, untrusted certificate, not a repository).
         */
        void connect(IProgressMonitor monitor) throws Exception;
    }
}
