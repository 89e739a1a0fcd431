package dev.dcosnative.master.iam.store;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A user's membership of a group. */
@Entity
@Table(name = "iam_membership")
@IdClass(MembershipEntity.Key.class)
public class MembershipEntity extends PanacheEntityBase {

    @Id
    public String gid;

    @Id
    public String uid;

    /** The composite key. */
    public static class Key implements Serializable {
        public String gid;
        public String uid;

        public Key() {
        }

        public Key(String gid, String uid) {
            this.gid = gid;
            this.uid = uid;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(gid, k.gid) && Objects.equals(uid, k.uid);
        }

        @Override
        public int hashCode() {
            return Objects.hash(gid, uid);
        }
    }
}
