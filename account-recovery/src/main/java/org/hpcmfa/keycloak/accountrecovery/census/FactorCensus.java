package org.hpcmfa.keycloak.accountrecovery.census;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.hpcmfa.keycloak.common.factors.PermanentFactors;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Who has which factors: users per credential type, and the users without any permanent second factor, so a
 * centre can chase those who have not enrolled. One pass over the realm's local users (service accounts
 * excluded); the list of users without a factor is capped by {@code max}.
 */
public final class FactorCensus {

    private FactorCensus() {
    }

    public static Map<String, Object> take(KeycloakSession session, RealmModel realm, int max) {
        Map<String, Integer> usersPerType = new TreeMap<>();
        List<Map<String, String>> withoutFactor = new ArrayList<>();
        int[] counts = new int[2]; // users, users without a permanent factor
        session.users().searchForUserStream(realm, Map.of(UserModel.INCLUDE_SERVICE_ACCOUNT, "false"))
                .forEach(user -> {
                    counts[0]++;
                    Set<String> types = user.credentialManager().getStoredCredentialsStream()
                            .map(CredentialModel::getType).collect(Collectors.toSet());
                    types.forEach(type -> usersPerType.merge(type, 1, Integer::sum));
                    if (types.stream().noneMatch(PermanentFactors.TYPES::contains)) {
                        counts[1]++;
                        if (withoutFactor.size() < max) {
                            Map<String, String> entry = new LinkedHashMap<>();
                            entry.put("id", user.getId());
                            entry.put("username", user.getUsername());
                            entry.put("email", user.getEmail());
                            withoutFactor.add(entry);
                        }
                    }
                });
        Map<String, Object> census = new LinkedHashMap<>();
        census.put("users", counts[0]);
        census.put("usersPerCredentialType", usersPerType);
        census.put("usersWithoutSecondFactor", counts[1]);
        census.put("withoutSecondFactor", withoutFactor);
        return census;
    }
}
