package org.omeroilastik.batch;

import java.util.Arrays;
import java.util.List;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Equinox entry point of the headless product; the exit code is the command's. */
public final class BatchApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) {
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS, new String[0]);
        context.applicationRunning();
        BundleContext bundleContext = FrameworkUtil.getBundle(BatchApplication.class).getBundleContext();
        List<String> argList = Arrays.asList(args);
        return new Cli(new OsgiServices(bundleContext)).run(argList, System.out, System.err);
    }

    @Override
    public void stop() {
        // Commands are synchronous; nothing to interrupt from outside.
    }

    /** Waits briefly for DS to register a service, then fails with a clear message. */
    static final class OsgiServices implements ServiceLookup {
        private final BundleContext context;

        OsgiServices(BundleContext context) {
            this.context = context;
        }

        @Override
        public <T> T get(Class<T> type) {
            ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
            tracker.open();
            try {
                T service = tracker.waitForService(15_000);
                if (service == null) {
                    throw new IllegalStateException("service " + type.getSimpleName() + " is not available; the installation is incomplete");
                }
                return service;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + type.getSimpleName(), e);
            } finally {
                tracker.close();
            }
        }
    }
}
