package org.hpcmfa.keycloak.allowlist.store;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/** The login addresses of one realm, in Keycloak's database. */
public final class LoginAddresses {

    private final EntityManager em;
    private final String realmId;

    public LoginAddresses(KeycloakSession session, String realmId) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.realmId = realmId;
    }

    /**
     * Records that the user logged in from {@code address} at {@code now}: a new row, or a later "last seen" on
     * the existing one. The user's rows older than {@code since} go, then the oldest beyond {@code maxPerUser}:
     * a person's list stays bounded however many networks they roam through.
     */
    public LoginAddressEntity record(String userId, String address, String source, long now, long since, int maxPerUser) {
        List<LoginAddressEntity> mine = ofUser(userId);
        LoginAddressEntity row = mine.stream().filter(a -> a.getAddress().equals(address)).findFirst().orElse(null);
        if (row == null) {
            row = new LoginAddressEntity();
            row.setId(UUID.randomUUID().toString());
            row.setRealmId(realmId);
            row.setUserId(userId);
            row.setAddress(address);
            row.setFirstSeen(now);
            row.setLastSeen(now);
            row.setSource(source);
            em.persist(row);
        }
        row.setLastSeen(now);
        row.setSource(source);
        LoginAddressEntity kept = row;
        List<LoginAddressEntity> others = mine.stream().filter(a -> a != kept).toList(); // newest first
        int room = Math.max(0, maxPerUser - 1);
        for (int i = 0; i < others.size(); i++) {
            LoginAddressEntity other = others.get(i);
            if (i >= room || other.getLastSeen() < since) {
                em.remove(other);
            }
        }
        return row;
    }

    /** The user's rows, most recently seen first (expired ones included, until the next login drops them). */
    public List<LoginAddressEntity> ofUser(String userId) {
        return em.createNamedQuery("hpcLoginAddressOfUser", LoginAddressEntity.class)
                .setParameter("realmId", realmId).setParameter("userId", userId).getResultList();
    }

    /** The user's row for this address, if any. */
    public Optional<LoginAddressEntity> find(String userId, String address) {
        return ofUser(userId).stream().filter(a -> a.getAddress().equals(address)).findFirst();
    }

    /** Every row seen at or after {@code since}: what the firewall allows. */
    public List<LoginAddressEntity> seenSince(long since) {
        return em.createNamedQuery("hpcLoginAddressSince", LoginAddressEntity.class)
                .setParameter("realmId", realmId).setParameter("since", since).getResultList();
    }

    /** Removes one address of the user; false when the user had no such address. */
    public boolean remove(String userId, String address) {
        Optional<LoginAddressEntity> row = find(userId, address);
        row.ifPresent(em::remove);
        return row.isPresent();
    }

    /** Removes every address of the user; returns how many there were. */
    public int removeAll(String userId) {
        return em.createNamedQuery("hpcLoginAddressDeleteOfUser").setParameter("realmId", realmId)
                .setParameter("userId", userId).executeUpdate();
    }

    /** Removes the rows last seen before {@code before} (the scheduled clean-up). */
    public int removeSeenBefore(long before) {
        return em.createNamedQuery("hpcLoginAddressDeleteBefore").setParameter("realmId", realmId)
                .setParameter("before", before).executeUpdate();
    }
}
