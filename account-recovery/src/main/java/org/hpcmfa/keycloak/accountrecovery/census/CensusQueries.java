package org.hpcmfa.keycloak.accountrecovery.census;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.hpcmfa.keycloak.common.factors.PermanentFactors;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The census as four aggregate queries over Keycloak's own tables ({@code UserEntity}, {@code CredentialEntity}):
 * the database counts and pages, so the request costs the same number of queries and holds no more than one
 * page of users in memory whatever the size of the realm. Only scalars are selected, so the persistence
 * context stays empty. The users are the realm's local users (imported ones included), service accounts
 * excluded; users only held by a federation provider and never imported are not in these tables.
 */
final class CensusQueries {

    private static final String REALM_USERS = "from UserEntity u where u.realmId = :realmId "
            + "and u.serviceAccountClientLink is null";
    private static final String WITHOUT_PERMANENT_FACTOR = REALM_USERS + " and not exists (select c.id from "
            + "CredentialEntity c where c.user = u and c.type in :permanentTypes)";

    private final EntityManager em;
    private final String realmId;

    CensusQueries(KeycloakSession session, RealmModel realm) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.realmId = realm.getId();
    }

    long users() {
        return em.createQuery("select count(u) " + REALM_USERS, Long.class)
                .setParameter("realmId", realmId).getSingleResult();
    }

    /** Credential type → number of distinct users holding at least one credential of that type, sorted by type. */
    Map<String, Long> usersPerCredentialType() {
        List<Object[]> rows = em.createQuery("select c.type, count(distinct u.id) from CredentialEntity c join c.user u "
                        + "where u.realmId = :realmId and u.serviceAccountClientLink is null group by c.type", Object[].class)
                .setParameter("realmId", realmId).getResultList();
        Map<String, Long> perType = new TreeMap<>();
        rows.forEach(row -> perType.put((String) row[0], ((Number) row[1]).longValue()));
        return perType;
    }

    long usersWithoutPermanentFactor() {
        return em.createQuery("select count(u) " + WITHOUT_PERMANENT_FACTOR, Long.class)
                .setParameter("realmId", realmId).setParameter("permanentTypes", PermanentFactors.TYPES)
                .getSingleResult();
    }

    /** One page of the users without a permanent factor, by username: {@code id}, {@code username}, {@code email}. */
    List<Map<String, String>> usersWithoutPermanentFactor(CensusPagination page) {
        if (page.max() == 0) {
            return List.of();
        }
        TypedQuery<Object[]> query = em.createQuery("select u.id, u.username, u.email " + WITHOUT_PERMANENT_FACTOR
                        + " order by u.username", Object[].class)
                .setParameter("realmId", realmId).setParameter("permanentTypes", PermanentFactors.TYPES)
                .setFirstResult(page.first()).setMaxResults(page.max());
        return query.getResultStream().map(CensusQueries::listed).toList();
    }

    private static Map<String, String> listed(Object[] row) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("id", (String) row[0]);
        entry.put("username", (String) row[1]);
        entry.put("email", (String) row[2]);
        return entry;
    }
}
