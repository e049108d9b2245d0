package org.hpcmfa.keycloak.sms.gateway;

import java.util.Optional;

import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultStringSecret;

/** Reads a secret of Keycloak's vault by its key (what follows {@code ${vault.}}). */
@FunctionalInterface
public interface SecretLookup {

    Optional<String> secret(String key);

    static SecretLookup vaultOf(KeycloakSession session) {
        return key -> {
            try (VaultStringSecret secret = session.vault().getStringSecret("${vault." + key + "}")) {
                return secret.get();
            }
        };
    }
}
