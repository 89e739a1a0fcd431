package dev.dcosnative.master.iam.store;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An action a group's members may take on an ACL's resource. */
@Entity
@Table(name = "iam_group_permission")
@IdClass(GroupPermissionEntity.Key.class)
public class GroupPermissionEntity extends PanacheEntityBase {

    @Id
    public String rid;

    @Id
    public String gid;

    @Id
    public String action;

    /** The composite key. */
    public static class Key implements Serializable {
        public String rid;
        public String gid;
        public String action;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(rid, k.rid) && Objects.equals(gid, k.gid)
                    && Objects.equals(action, k.action);
        }

        @Override
        public int hashCode() {
            return Objects.hash(rid, gid, action);
        }
    }
}
