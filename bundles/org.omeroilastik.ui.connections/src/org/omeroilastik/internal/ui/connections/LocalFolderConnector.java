package org.omeroilastik.internal.ui.connections;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;
import org.omeroilastik.platform.OsgiServices;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.ui.connections.RepositoryConnector;

/** A local repository: a folder ({@code local:DIR}). */
public final class LocalFolderConnector implements RepositoryConnector {
    private Text folder;

    @Override
    public void createControls(Composite parent, Runnable changed) {
        parent.setLayout(new GridLayout(3, false));
        folder = Fields.path(parent, "Folder:", "folder", "/data/repository", true, changed);
    }

    @Override
    public String incomplete() {
        return folder.getText().isBlank() ? "Choose the repository's folder." : null;
    }

    @Override
    public Attempt attempt() {
        Path dir = Path.of(folder.getText().strip()).toAbsolutePath().normalize();
        String source = "local:" + dir;
        return new Attempt() {
            @Override
            public String source() {
                return source;
            }

            @Override
            public void connect(IProgressMonitor monitor) throws Exception {
                if (!Files.isDirectory(dir)) {
                    throw new Exception("No folder " + dir + ".");
                }
                try (Repository r = OsgiServices.get(LocalFolderConnector.class, Repositories.class).open(source, false)) {
                    r.browse().projects();
                }
            }
        };
    }
}
