package dev.dcosnative.master.iam.store;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A group of users; permissions granted to it apply to its members. */
@Entity
@Table(name = "iam_group")
public class GroupEntity extends PanacheEntityBase {

    @Id
    public String gid;

    public String description = "";

    @Column(name = "provider_type")
    public String providerType = "internal";

    @Column(name = "created_at")
    public OffsetDateTime createdAt = OffsetDateTime.now();
}
