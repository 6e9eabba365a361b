package org.omeroilastik.testing;

import org.omeroilastik.platform.OsgiServices;

/** Looks up OSGi services the way a consumer bundle would, waiting briefly for DS to activate them. */
public final class Services {
    private Services() {
    }

    public static <T> T get(Class<T> type) {
        return OsgiServices.get(Services.class, type);
    }
}
