package org.omeroilastik.testing;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Looks up OSGi services the way a consumer bundle would, waiting briefly for DS to activate them. */
public final class Services {
    private Services() {
    }

    public static <T> T get(Class<T> type) {
        Bundle bundle = FrameworkUtil.getBundle(Services.class);
        BundleContext ctx = bundle.getBundleContext();
        ServiceTracker<T, T> tracker = new ServiceTracker<>(ctx, type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(10_000);
            if (service == null) {
                throw new IllegalStateException("no " + type.getName() + " service registered (is Felix SCR started?)");
            }
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            tracker.close();
        }
    }
}
