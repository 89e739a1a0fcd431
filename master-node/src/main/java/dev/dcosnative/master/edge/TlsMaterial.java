package dev.dcosnative.master.edge;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The edge's TLS certificate and key (PEM files): the configured ones, or a self-signed certificate generated at
 * first start for the master's IP and hostname and kept under {@code <work-dir>/edge/tls} (the key readable by root
 * only), so clients can pin it across restarts.
 */
public final class TlsMaterial {

    /** The PEM files to serve. */
    public record Pem(Path certificate, Path key) {
    }

    private TlsMaterial() {
    }

    /** The self-signed pair in {@code dir}, created when missing. */
    public static Pem selfSigned(Path dir, String ip, String hostname) {
        Path cert = dir.resolve("edge.crt");
        Path key = dir.resolve("edge.key");
        if (Files.exists(cert) && Files.exists(key)) {
            return new Pem(cert, key);
        }
        try {
            Files.createDirectories(dir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + hostname + ",O=DC/OS Native");
            Instant now = Instant.now();
            List<GeneralName> names = new ArrayList<>();
            names.add(new GeneralName(GeneralName.iPAddress, ip));
            if (!hostname.equals(ip)) {
                names.add(new GeneralName(GeneralName.dNSName, hostname));
            }
            names.add(new GeneralName(GeneralName.dNSName, "master.mesos"));
            names.add(new GeneralName(GeneralName.dNSName, "leader.mesos"));
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(3650))), subject, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(GeneralName[]::new)));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            X509CertificateHolder holder = builder.build(
                    new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
            write(key, pem(pair.getPrivate()), "rw-------");
            write(cert, pem(new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(holder)),
                    "rw-r--r--");
            return new Pem(cert, key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the edge's certificate in " + dir, e);
        } catch (OperatorCreationException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the edge's certificate", e);
        }
    }

    /** The SHA-256 fingerprint of a PEM certificate file (for logs and users). */
    public static String fingerprint(Path certificate) {
        try (var reader = Files.newBufferedReader(certificate)) {
            var parsed = new org.bouncycastle.openssl.PEMParser(reader).readObject();
            byte[] der = ((X509CertificateHolder) parsed).getEncoded();
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(der);
            return java.util.HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (IOException | java.security.NoSuchAlgorithmException | ClassCastException e) {
            return "unknown";
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    private static void write(Path file, String content, String permissions) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(permissions));
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
