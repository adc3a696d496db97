package io.redisscale.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Certificates made by the test with the JDK's keytool: a CA, a broker key store (CN and SAN for
 * 127.0.0.1) and a trust store, and a client certificate with its key, as Heroku hands them out
 * (PEM; the key as a PKCS#1 {@code RSA PRIVATE KEY}).
 */
final class TestCerts {
    static final String PASSWORD = "test-pass";
    final Path dir;
    final String caPem;
    final String clientCertPem;
    final String clientKeyPem;

    TestCerts() throws Exception {
        dir = Files.createTempDirectory("e2e-certs");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=e2e-ca", "-ext", "bc:c",
                "-validity", "2", "-keystore", "ca.p12");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "truststore.p12");
        signed("broker", "CN=127.0.0.1", "SAN=ip:127.0.0.1,dns:localhost");
        signed("client", "CN=autoscaler", null);
        caPem = Files.readString(dir.resolve("ca.pem"));
        clientCertPem = Files.readString(dir.resolve("client.pem"));
        clientKeyPem = rsaKeyPem("client");
    }

    Path brokerKeystore() {
        return dir.resolve("broker.p12");
    }

    Path truststore() {
        return dir.resolve("truststore.p12");
    }

    /** A key pair in {@code name.p12}, its certificate signed by the CA ({@code name.pem}) and imported with the CA. */
    private void signed(String name, String dname, String san) throws Exception {
        keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-dname", dname, "-validity", "2",
                "-keystore", name + ".p12");
        keytool("-certreq", "-alias", name, "-keystore", name + ".p12", "-file", name + ".csr");
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12",
                "-infile", name + ".csr", "-outfile", name + ".pem", "-validity", "2"));
        if (san != null) {
            gencert.addAll(List.of("-ext", san));
        }
        keytool(gencert.toArray(String[]::new));
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", name + ".p12");
        keytool("-importcert", "-alias", name, "-file", name + ".pem", "-keystore", name + ".p12");
    }

    /** The key as Heroku's KAFKA_CLIENT_CERT_KEY holds it: PKCS#1, "RSA PRIVATE KEY". */
    private String rsaKeyPem(String name) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(name + ".p12"))) {
            ks.load(in, PASSWORD.toCharArray());
        }
        byte[] pkcs8 = ((PrivateKey) ks.getKey(name, PASSWORD.toCharArray())).getEncoded();
        byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length); // a 2048-bit RSA key's PKCS#8 header is 26 bytes
        return "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs1)
                + "\n-----END RSA PRIVATE KEY-----\n";
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storepass", PASSWORD, "-storetype", "PKCS12"));
        if (List.of(args).contains("-genkeypair")) {
            cmd.addAll(List.of("-keypass", PASSWORD));
        }
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
        }
    }
}
