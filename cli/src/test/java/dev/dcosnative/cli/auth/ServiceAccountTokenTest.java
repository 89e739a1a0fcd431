package dev.dcosnative.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ServiceAccountTokenTest {

    static KeyPair keys;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    /** PKCS#8 PEM, as 'dcos security org service-accounts keypair' and OpenSSL 3 write it. */
    static String pkcs8Pem() {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** PKCS#1 PEM ('openssl genrsa' of OpenSSL 1.x): the RSAPrivateKey inside the PKCS#8 structure. */
    static String pkcs1Pem() {
        byte[] pkcs8 = keys.getPrivate().getEncoded();
        // PrivateKeyInfo = SEQUENCE { version, algorithm, OCTET STRING { RSAPrivateKey } }: the key is the tail
        byte[] tail = null;
        for (int i = 0; i < pkcs8.length - 4; i++) {
            if (pkcs8[i] == 0x04 && (pkcs8[i + 1] & 0xff) == 0x82) {
                int len = ((pkcs8[i + 2] & 0xff) << 8) | (pkcs8[i + 3] & 0xff);
                if (i + 4 + len == pkcs8.length) {
                    tail = Arrays.copyOfRange(pkcs8, i + 4, pkcs8.length);
                    break;
                }
            }
        }
        return "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(tail)
                + "\n-----END RSA PRIVATE KEY-----\n";
    }

    @Test
    void signsAnRs256TokenWithUidAndExpThatThePublicKeyVerifies() throws Exception {
        Instant now = Instant.now();
        String token = ServiceAccountToken.sign("ci-robot", ServiceAccountToken.readPem(pkcs8Pem(), "key.pem"), now,
                Duration.ofMinutes(5));

        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKey(keys.getPublic())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setRequireExpirationTime()
                .build().processToClaims(token);
        assertThat(claims.getClaimValue("uid")).isEqualTo("ci-robot");
        assertThat(claims.getExpirationTime().getValue()).isEqualTo(now.plusSeconds(300).getEpochSecond());
        assertThat(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]))).contains("\"alg\":\"RS256\"");
    }

    @Test
    void readsPkcs1KeysToo() {
        RSAPrivateCrtKey fromPkcs1 = (RSAPrivateCrtKey) ServiceAccountToken.readPem(pkcs1Pem(), "old.pem");
        RSAPrivateCrtKey original = (RSAPrivateCrtKey) keys.getPrivate();
        assertThat(fromPkcs1.getModulus()).isEqualTo(original.getModulus());
        assertThat(fromPkcs1.getPrivateExponent()).isEqualTo(original.getPrivateExponent());
    }

    @Test
    void refusesWhatIsNotAPlainRsaKey() {
        assertThatThrownBy(() -> ServiceAccountToken.readPem("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n"
                + "-----END ENCRYPTED PRIVATE KEY-----", "enc.pem")).hasMessage("enc.pem is encrypted; give the "
                        + "private key without a passphrase");
        assertThatThrownBy(() -> ServiceAccountToken.readPem("ssh-rsa AAAA", "id_rsa.pub"))
                .hasMessageContaining("is not a PEM private key");
        assertThatThrownBy(() -> ServiceAccountToken.readPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY"
                + "-----", "cut.pem")).hasMessageStartingWith("cut.pem is not an RSA private key");
    }

    @Test
    void readsTheClaimsOfATokenWithoutItsKey() {
        String token = ServiceAccountToken.sign("alice", keys.getPrivate(), Instant.ofEpochSecond(1_000_000),
                Duration.ofSeconds(60));
        Jwt jwt = Jwt.parse(token);
        assertThat(jwt.uid()).contains("alice");
        assertThat(jwt.expires()).contains(Instant.ofEpochSecond(1_000_060));
        assertThat(jwt.expiredAt(Instant.now())).isTrue();
        assertThat(Jwt.parse("not a token").expires()).isEmpty();
    }
}
