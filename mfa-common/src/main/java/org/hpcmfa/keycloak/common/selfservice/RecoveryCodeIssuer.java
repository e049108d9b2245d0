package org.hpcmfa.keycloak.common.selfservice;

import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.Provider;

/**
 * The pack's recovery codes as other modules need them (the account API shows a new set after every set-up and on
 * {@code mfa recovery-codes --regenerate}): issue a set in the realm's count, voiding the old one, and say how many
 * remain. Implemented once, by the module that owns recovery codes.
 */
public interface RecoveryCodeIssuer extends Provider {

    /** Voids the user's recovery codes and stores a new set; returns the codes in clear, which are never kept. */
    List<String> issue(KeycloakSession session, RealmModel realm, UserModel user);

    /** How many unused recovery codes the user has (0 when none). */
    int remaining(RealmModel realm, UserModel user);

    /** How many codes a new set holds (the realm's count setting: 12 by default, 8 in the demo). */
    int count(RealmModel realm);

    /** At or below this many remaining codes the person is warned (3). */
    int warnAt(RealmModel realm);

    @Override
    default void close() {
    }
}
