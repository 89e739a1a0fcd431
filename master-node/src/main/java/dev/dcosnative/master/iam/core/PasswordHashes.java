package dev.dcosnative.master.iam.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;

import org.apache.commons.codec.digest.Sha2Crypt;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Password hashes of local users: bcrypt ({@code $2a$}, {@code $2b$}, {@code $2y$}; new hashes are {@code $2b$}) and
 * SHA-512-crypt ({@code $6$}, what DC/OS' {@code dcos_add_user} and {@code openssl passwd -6} write). Comparisons are
 * constant-time. bcrypt reads at most 72 bytes of a password, so longer ones are refused when set.
 */
public final class PasswordHashes {

    /** bcrypt's limit. */
    public static final int MAX_BYTES = 72;

    private PasswordHashes() {
    }

    /** Whether {@code hash} is a hash this class can check. */
    public static boolean supported(String hash) {
        if (hash == null) {
            return false;
        }
        if (hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$")) {
            return hash.matches("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}");
        }
        return hash.matches("\\$6\\$(rounds=\\d{1,9}\\$)?[./A-Za-z0-9]{1,16}\\$[./A-Za-z0-9]{86}");
    }

    /** A new bcrypt hash of {@code password} (blocking: 2^cost rounds). */
    public static String bcrypt(String password, int cost, SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return OpenBSDBCrypt.generate("2b", password.getBytes(StandardCharsets.UTF_8), salt, cost);
    }

    /** Whether {@code password} matches {@code hash}; false for anything malformed. Blocking (as long as hashing). */
    public static boolean matches(String password, String hash) {
        if (password == null || !supported(hash)) {
            return false;
        }
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        try {
            if (hash.startsWith("$6$")) {
                String computed = Sha2Crypt.sha512Crypt(bytes, hash);
                return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                        hash.getBytes(StandardCharsets.US_ASCII));
            }
            if (bytes.length > MAX_BYTES) {
                return false;
            }
            return OpenBSDBCrypt.checkPassword(hash, bytes);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
