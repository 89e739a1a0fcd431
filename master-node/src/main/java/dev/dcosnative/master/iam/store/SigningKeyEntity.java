package dev.dcosnative.master.iam.store;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * An RS256 key pair that signs tokens. The newest unretired key signs; every key not yet expired is published in the
 * JWKS and verifies, so rotating keys does not log anybody out.
 */
@Entity
@Table(name = "iam_signing_key")
public class SigningKeyEntity extends PanacheEntityBase {

    @Id
    public String kid;

    @Column(name = "private_key_pem")
    public String privateKeyPem;

    @Column(name = "public_key_pem")
    public String publicKeyPem;

    @Column(name = "created_at")
    public OffsetDateTime createdAt = OffsetDateTime.now();

    /** From then on the key no longer signs. */
    @Column(name = "retired_at")
    public OffsetDateTime retiredAt;

    /** From then on the key no longer verifies (the last token it signed has expired). */
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;
}
