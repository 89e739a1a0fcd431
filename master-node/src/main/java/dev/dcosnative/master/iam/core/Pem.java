package dev.dcosnative.master.iam.core;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM encoding of RSA keys: public keys as X.509 SubjectPublicKeyInfo ({@code BEGIN PUBLIC KEY}, what service accounts
 * present, as Bouncer requires), private keys as PKCS#8 ({@code BEGIN PRIVATE KEY}).
 */
public final class Pem {

    private static final Pattern PUBLIC = Pattern.compile(
            "\\s*-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----\\s*");
    private static final Pattern PRIVATE = Pattern.compile(
            "\\s*-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----\\s*");

    private Pem() {
    }

    /** The RSA public key of a PEM document, or why it is not one (Bouncer's messages). */
    public static RSAPublicKey rsaPublicKey(String pem) {
        Matcher m = pem == null ? null : PUBLIC.matcher(pem);
        if (m == null || !m.matches()) {
            throw new InvalidRequest("ERR_INVALID_PUBLIC_KEY", "Invalid public key: expected an X.509 "
                    + "SubjectPublicKeyInfo PEM document (-----BEGIN PUBLIC KEY-----)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("ERR_INVALID_PUBLIC_KEY", "Invalid public key: the PEM body is not base64");
        }
        PublicKey key = decode(der);
        if (!(key instanceof RSAPublicKey rsa)) {
            throw new InvalidRequest("ERR_INVALID_PUBLIC_KEY", "Invalid public key: the key must be of type RSA");
        }
        if (rsa.getModulus().bitLength() < 2048) {
            throw new InvalidRequest("ERR_INVALID_PUBLIC_KEY", "Invalid public key: RSA keys need at least 2048 bits");
        }
        return rsa;
    }

    /** The key of a PEM public key known to be valid (read back from the database). */
    public static Optional<RSAPublicKey> readPublicKey(String pem) {
        try {
            return Optional.of(rsaPublicKey(pem));
        } catch (InvalidRequest e) {
            return Optional.empty();
        }
    }

    public static String publicKey(PublicKey key) {
        return encode("PUBLIC KEY", key.getEncoded());
    }

    public static String privateKey(PrivateKey key) {
        return encode("PRIVATE KEY", key.getEncoded());
    }

    /** The RSA private key of a PKCS#8 PEM document; the message never shows the key. */
    public static PrivateKey rsaPrivateKey(String pem) {
        Matcher m = pem == null ? null : PRIVATE.matcher(pem);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("not a PKCS#8 PEM private key");
        }
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(m.group(1))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an RSA private key");
        }
    }

    private static PublicKey decode(byte[] der) {
        for (String algorithm : new String[] { "RSA", "EC", "Ed25519", "DSA" }) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // try the next algorithm
            }
        }
        throw new InvalidRequest("ERR_INVALID_PUBLIC_KEY", "Invalid public key: not a readable X.509 public key");
    }

    private static String encode(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
