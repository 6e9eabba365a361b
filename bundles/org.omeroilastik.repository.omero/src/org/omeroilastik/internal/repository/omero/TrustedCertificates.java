package org.omeroilastik.internal.repository.omero;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.omeroilastik.repository.RepositoryException;

/**
 * TLS for OMERO.web: the JVM's trust store (so {@code javax.net.ssl.trustStore} works) plus, when
 * given, one server's own certificate. Verification is never switched off; host names are checked
 * by the HTTP client.
 */
final class TrustedCertificates {
    private TrustedCertificates() {
    }

    static SSLContext context(Optional<Path> extraCertificate) throws RepositoryException {
        try {
            X509TrustManager jvm = trustManager(null);
            X509TrustManager extra = null;
            if (extraCertificate.isPresent()) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                try (InputStream in = Files.newInputStream(extraCertificate.get())) {
                    int i = 0;
                    for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        store.setCertificateEntry("trusted-" + i++, cert);
                    }
                    if (i == 0) {
                        throw new RepositoryException(extraCertificate.get() + ": no certificate in it (PEM or DER X.509 expected)");
                    }
                }
                extra = trustManager(store);
            }
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {extra == null ? jvm : new Either(jvm, extra)}, null);
            return ssl;
        } catch (IOException e) {
            throw new RepositoryException(extraCertificate.map(Path::toString).orElse("TLS") + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new RepositoryException("TLS setup failed: " + e.getMessage(), e);
        }
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(store);
        for (TrustManager tm : f.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** Trusts what either manager trusts. */
    private record Either(X509TrustManager first, X509TrustManager second) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            first.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType);
            } catch (CertificateException notByTheJvm) {
                second.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            X509Certificate[] a = first.getAcceptedIssuers();
            X509Certificate[] b = second.getAcceptedIssuers();
            X509Certificate[] all = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            return all;
        }
    }
}
