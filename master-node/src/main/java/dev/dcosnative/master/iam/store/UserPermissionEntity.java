package dev.dcosnative.master.iam.store;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An action ({@code create, read, update, delete, full}) a user may take on an ACL's resource. */
@Entity
@Table(name = "iam_user_permission")
@IdClass(UserPermissionEntity.Key.class)
public class UserPermissionEntity extends PanacheEntityBase {

    @Id
    public String rid;

    @Id
    public String uid;

    @Id
    public String action;

    /** The composite key. */
    public static class Key implements Serializable {
        public String rid;
        public String uid;
        public String action;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(rid, k.rid) && Objects.equals(uid, k.uid)
                    && Objects.equals(action, k.action);
        }

        @Override
        public int hashCode() {
            return Objects.hash(rid, uid, action);
        }
    }
}
