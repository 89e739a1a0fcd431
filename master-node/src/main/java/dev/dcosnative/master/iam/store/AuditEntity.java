package dev.dcosnative.master.iam.store;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One audit log entry: a login (or a failed one) or a change to IAM. Never a secret. */
@Entity
@Table(name = "iam_audit")
public class AuditEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public OffsetDateTime at = OffsetDateTime.now();

    /** The uid that acted; null before a login succeeded. */
    public String actor;

    /** {@code login}, {@code login-failed}, {@code user-create}, {@code acl-grant}, ... */
    public String action;

    /** What it acted on: a uid, a gid, a rid, {@code rid:action}. */
    public String object;

    /** {@code success}, {@code failure} or {@code denied}. */
    public String outcome;

    @Column(name = "remote_ip")
    public String remoteIp;

    public String detail;
}
