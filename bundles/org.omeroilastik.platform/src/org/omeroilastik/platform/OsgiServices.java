package org.omeroilastik.platform;

import java.time.Duration;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Looks up a service by its interface, waiting for Declarative Services to register it. For entry
 * points the framework creates without injection: IApplications, 3.x views, tests.
 */
public final class OsgiServices {
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(15);

    private OsgiServices() {
    }

    /** The service of {@code type}, as seen from the bundle of {@code caller}. */
    public static <T> T get(Class<?> caller, Class<T> type) {
        return get(caller, type, DEFAULT_WAIT);
    }

    public static <T> T get(Class<?> caller, Class<T> type, Duration wait) {
        Bundle bundle = FrameworkUtil.getBundle(caller);
        if (bundle == null) {
            throw new IllegalStateException(caller.getName() + " is not loaded by an OSGi bundle");
        }
        BundleContext ctx = bundle.getBundleContext();
        if (ctx == null) {
            throw new IllegalStateException("bundle " + bundle.getSymbolicName() + " is not started");
        }
        ServiceTracker<T, T> tracker = new ServiceTracker<>(ctx, type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(wait.toMillis());
            if (service == null) {
                throw new IllegalStateException("service " + type.getSimpleName()
                        + " is not available: the installation is incomplete or Declarative Services is not running");
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
