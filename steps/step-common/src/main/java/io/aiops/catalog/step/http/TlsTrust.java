package io.aiops.catalog.step.http;

import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Which server certificates a step trusts: the system CAs plus a bundle, or (loudly) none checked. */
public final class TlsTrust {
  private final SSLContext context;

  private TlsTrust(SSLContext context) {
    this.context = context;
  }

  public SSLContext sslContext() {
    return context;
  }

  /** System CAs, plus the given bundle, plus OpenShift's service CA when the pod has it. */
  public static TlsTrust verified(Path caBundle, Path serviceCa) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      system.init((KeyStore) null);
      int n = 0;
      for (TrustManager tm : system.getTrustManagers()) {
        if (tm instanceof X509TrustManager x509) {
          for (X509Certificate cert : x509.getAcceptedIssuers()) {
            store.setCertificateEntry("system-" + n++, cert);
          }
        }
      }
      if (caBundle != null) {
        n = addPem(store, caBundle, n, true);
      }
      if (serviceCa != null && Files.isReadable(serviceCa)) {
        addPem(store, serviceCa, n, false);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), new SecureRandom());
      return new TlsTrust(ctx);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS trust: " + e.getMessage(), e);
    }
  }

  /** Accepts any certificate. Only on explicit request, and always said in the log. */
  public static TlsTrust insecure(StepLog log) {
    log.warn("TLS verification is OFF (--insecure-skip-tls-verify): the server's identity is not checked and "
        + "the bearer token can be captured; use --ca-bundle instead");
    System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
    X509TrustManager trustAll = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {trustAll}, new SecureRandom());
      return new TlsTrust(ctx);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int addPem(KeyStore store, Path pem, int n, boolean required) throws IOException {
    if (!Files.isReadable(pem)) {
      throw StepException.usage("cannot read CA bundle " + pem + ": give a readable PEM file to --ca-bundle");
    }
    try (InputStream in = Files.newInputStream(pem)) {
      var certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty() && required) {
        throw StepException.usage("CA bundle " + pem + " holds no PEM certificate");
      }
      for (Certificate cert : certs) {
        store.setCertificateEntry("bundle-" + n++, cert);
      }
      return n;
    } catch (GeneralSecurityException e) {
      throw StepException.usage("CA bundle " + pem + " is not a PEM certificate bundle: " + e.getMessage());
    }
  }
}
