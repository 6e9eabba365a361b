package org.omeroilastik.batch;

import java.util.Arrays;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.omeroilastik.platform.OsgiServices;

/** Equinox entry point of the headless product; the exit code is the command's. */
public final class BatchApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) {
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS, new String[0]);
        context.applicationRunning();
        ServiceLookup services = new ServiceLookup() {
            @Override
            public <T> T get(Class<T> type) {
                return OsgiServices.get(BatchApplication.class, type);
            }
        };
        return new Cli(services).run(Arrays.asList(args), System.out, System.err);
    }

    @Override
    public void stop() {
        // Commands are synchronous; nothing to interrupt from outside.
    }
}
