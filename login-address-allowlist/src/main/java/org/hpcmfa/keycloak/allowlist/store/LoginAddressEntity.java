package org.hpcmfa.keycloak.allowlist.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * One address a person logged in from with two factors: when first and last, and through what (a browser login or
 * the SSH terminal prompt). One row per (realm, user, address); the database's unique constraint keeps two nodes
 * recording the same login from making two rows.
 */
@Entity
@Table(name = "HPC_LOGIN_ADDRESS", uniqueConstraints = @UniqueConstraint(columnNames = {"REALM_ID", "USER_ID", "ADDRESS"}))
@NamedQueries({
        @NamedQuery(name = "hpcLoginAddressOfUser", query = "select a from LoginAddressEntity a "
                + "where a.realmId = :realmId and a.userId = :userId order by a.lastSeen desc, a.address"),
        @NamedQuery(name = "hpcLoginAddressSince", query = "select a from LoginAddressEntity a "
                + "where a.realmId = :realmId and a.lastSeen >= :since order by a.address, a.userId"),
        @NamedQuery(name = "hpcLoginAddressDeleteOfUser", query = "delete from LoginAddressEntity a "
                + "where a.realmId = :realmId and a.userId = :userId"),
        @NamedQuery(name = "hpcLoginAddressDeleteRealm", query = "delete from LoginAddressEntity a "
                + "where a.realmId = :realmId"),
        @NamedQuery(name = "hpcLoginAddressDeleteBefore", query = "delete from LoginAddressEntity a "
                + "where a.realmId = :realmId and a.lastSeen < :before")
})
public class LoginAddressEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "ADDRESS", length = 64, nullable = false)
    private String address;

    @Column(name = "FIRST_SEEN", nullable = false)
    private long firstSeen;

    @Column(name = "LAST_SEEN", nullable = false)
    private long lastSeen;

    @Column(name = "SOURCE", length = 32, nullable = false)
    private String source;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public long getFirstSeen() {
        return firstSeen;
    }

    public void setFirstSeen(long firstSeen) {
        this.firstSeen = firstSeen;
    }

    public long getLastSeen() {
        return lastSeen;
    }

    public void setLastSeen(long lastSeen) {
        this.lastSeen = lastSeen;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }
}
