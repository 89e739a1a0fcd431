package dev.dcosnative.master.iam.store;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An OpenID Connect provider users can log in with (authorization code flow). */
@Entity
@Table(name = "iam_oidc_provider")
public class OidcProviderEntity extends PanacheEntityBase {

    @Id
    @Column(name = "provider_id")
    public String providerId;

    public String description = "";

    public String issuer;

    @Column(name = "base_url")
    public String baseUrl;

    @Column(name = "client_id")
    public String clientId;

    @Column(name = "client_secret")
    public String clientSecret;

    @Column(name = "verify_server_certificate")
    public boolean verifyServerCertificate = true;

    @Column(name = "ca_certs")
    public String caCerts;

    @Column(name = "created_at")
    public OffsetDateTime createdAt = OffsetDateTime.now();
}
