package dev.dcosnative.cli.auth;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import dev.dcosnative.cli.common.CliException;

/**
 * The login token of a service account (reference §6.1): an RS256 JWT with the claims {@code uid} and {@code exp},
 * signed with the account's private key, which the CLI sends as {@code {uid, token}} to
 * {@code /acs/api/v1/auth/login} in exchange for a DC/OS token.
 */
public final class ServiceAccountToken {

    /** How long the signed login token is valid: long enough to reach the cluster, short if it leaks. */
    public static final Duration VALIDITY = Duration.ofMinutes(5);

    private ServiceAccountToken() {
    }

    /** Signs {@code {uid, exp: now + validity}} with RS256. */
    public static String sign(String uid, PrivateKey key, Instant now, Duration validity) {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("uid", uid);
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(validity).getEpochSecond()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new CliException("Cannot sign the login token with the private key: " + e.getMessage(), e);
        }
    }

    /** An RSA private key from PEM: PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}). */
    public static PrivateKey readPem(String pem, String source) {
        String text = pem.trim();
        if (text.contains("ENCRYPTED PRIVATE KEY") || text.contains("Proc-Type: 4,ENCRYPTED")) {
            throw new CliException(source + " is encrypted; give the private key without a passphrase");
        }
        boolean pkcs1 = text.contains("BEGIN RSA PRIVATE KEY");
        if (!pkcs1 && !text.contains("BEGIN PRIVATE KEY")) {
            throw new CliException(source + " is not a PEM private key (-----BEGIN PRIVATE KEY-----)");
        }
        String base64 = text.replaceAll("-----(BEGIN|END)[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1 ? pkcs8(der) : der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new CliException(source + " is not an RSA private key: " + e.getMessage(), e);
        }
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo. */
    static byte[] pkcs8(byte[] pkcs1) {
        byte[] version = { 0x02, 0x01, 0x00 };
        // SEQUENCE { OID 1.2.840.113549.1.1.1 (rsaEncryption), NULL }
        byte[] algorithm = { 0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
                0x01, 0x01, 0x05, 0x00 };
        byte[] octets = tlv(0x04, pkcs1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(version);
        body.writeBytes(algorithm);
        body.writeBytes(octets);
        return tlv(0x30, body.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((length >>> (8 * i)) & 0xff);
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
