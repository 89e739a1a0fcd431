package dev.dcosnative.master.iam.store;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An ACL: a protected resource ({@code dcos:adminrouter:service:marathon}, ...) permissions are granted on. */
@Entity
@Table(name = "iam_acl")
public class AclEntity extends PanacheEntityBase {

    @Id
    public String rid;

    public String description = "";

    @Column(name = "created_at")
    public OffsetDateTime createdAt = OffsetDateTime.now();
}
