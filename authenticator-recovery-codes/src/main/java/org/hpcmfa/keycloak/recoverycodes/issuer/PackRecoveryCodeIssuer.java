package org.hpcmfa.keycloak.recoverycodes.issuer;

import java.util.List;

import org.hpcmfa.keycloak.common.selfservice.RecoveryCodeIssuer;
import org.hpcmfa.keycloak.recoverycodes.codes.RecoveryCodeFormat;
import org.hpcmfa.keycloak.recoverycodes.codes.RecoveryCodeSettings;
import org.hpcmfa.keycloak.recoverycodes.codes.RecoveryCodes;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Recovery codes for the account API (the terminal's set-up and {@code mfa recovery-codes --regenerate}): the
 * realm's count, the old set voided, the codes returned as the browser shows them ({@code ABCD-EFGH-1234}).
 */
public class PackRecoveryCodeIssuer implements RecoveryCodeIssuer {

    @Override
    public List<String> issue(KeycloakSession session, RealmModel realm, UserModel user) {
        return RecoveryCodes.issue(realm, user).stream().map(RecoveryCodeFormat::display).toList();
    }

    @Override
    public int remaining(RealmModel realm, UserModel user) {
        return RecoveryCodes.remaining(user);
    }

    @Override
    public int count(RealmModel realm) {
        return RecoveryCodeSettings.of(realm).count();
    }

    @Override
    public int warnAt(RealmModel realm) {
        return RecoveryCodeSettings.of(realm).warnAt();
    }
}
