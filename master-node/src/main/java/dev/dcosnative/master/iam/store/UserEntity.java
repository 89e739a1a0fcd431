package dev.dcosnative.master.iam.store;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A user or, with {@code service}, a service account (which logs in with a key pair, not a password). */
@Entity
@Table(name = "iam_user")
public class UserEntity extends PanacheEntityBase {

    @Id
    public String uid;

    public String description = "";

    /** bcrypt or SHA-512-crypt; null for service accounts and external (OIDC) users. */
    @Column(name = "password_hash")
    public String passwordHash;

    /** A service account's PEM public key. */
    @Column(name = "public_key")
    public String publicKey;

    @Column(name = "is_service")
    public boolean service;

    /** {@code internal} or {@code oidc}. */
    @Column(name = "provider_type")
    public String providerType = "internal";

    @Column(name = "provider_id")
    public String providerId = "";

    @Column(name = "created_at")
    public OffsetDateTime createdAt = OffsetDateTime.now();
}
