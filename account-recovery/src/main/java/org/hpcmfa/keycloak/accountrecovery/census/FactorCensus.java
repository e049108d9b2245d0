package org.hpcmfa.keycloak.accountrecovery.census;

import java.util.LinkedHashMap;
import java.util.Map;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Who has which factors: users per credential type, and the users without any permanent second factor, so a
 * centre can chase those who have not enrolled. Counted by the database in a constant number of queries
 * ({@link CensusQueries}); the users without a factor are listed one page at a time, by username.
 */
public final class FactorCensus {

    private FactorCensus() {
    }

    public static Map<String, Object> take(KeycloakSession session, RealmModel realm, CensusPagination page) {
        CensusQueries queries = new CensusQueries(session, realm);
        Map<String, Object> census = new LinkedHashMap<>();
        census.put("users", queries.users());
        census.put("usersPerCredentialType", queries.usersPerCredentialType());
        census.put("usersWithoutSecondFactor", queries.usersWithoutPermanentFactor());
        census.put("withoutSecondFactor", queries.usersWithoutPermanentFactor(page));
        return census;
    }
}
