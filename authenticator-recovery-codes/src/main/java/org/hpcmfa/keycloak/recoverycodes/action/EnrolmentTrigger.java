package org.hpcmfa.keycloak.recoverycodes.action;

import java.util.Optional;

import org.hpcmfa.keycloak.common.factors.PermanentFactors;
import org.hpcmfa.keycloak.recoverycodes.codes.RecoveryCodeSettings;
import org.hpcmfa.keycloak.recoverycodes.codes.RecoveryCodes;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * A fresh set of recovery codes after every enrolment of a permanent factor in the browser, whichever page
 * enrolled it (Keycloak's TOTP or security-key set-up, the push enrolment, the pack's first-login enrolment).
 * Keycloak evaluates every enabled required action's triggers when a login's authentication ends and again after
 * each required action; the first evaluation notes the time, and a factor created after it whose creation is
 * newer than the user's codes adds the recovery-codes action to this login.
 */
final class EnrolmentTrigger {

    static final String NOTE_SINCE = "hpc-recovery-codes.since";

    private EnrolmentTrigger() {
    }

    static void evaluate(AuthenticationSessionModel authSession, UserModel user) {
        if (user == null) {
            return;
        }
        String since = authSession.getAuthNote(NOTE_SINCE);
        if (since == null) {
            // Keycloak's clock in milliseconds, as credentials' creation dates are. Every enrolment page of a login
            // runs after this first evaluation, so a factor created before it (by an admin, moments ago) is not new.
            authSession.setAuthNote(NOTE_SINCE, String.valueOf(Time.currentTimeMillis()));
            return;
        }
        long loginStart = Long.parseLong(since);
        long codesCreated = RecoveryCodes.credential(user).map(EnrolmentTrigger::created).orElse(0L);
        boolean newFactor = user.credentialManager().getStoredCredentialsStream()
                .filter(c -> PermanentFactors.TYPES.contains(c.getType()))
                .map(EnrolmentTrigger::created)
                .anyMatch(created -> created > loginStart && created > codesCreated);
        if (newFactor && !authSession.getRequiredActions().contains(RecoveryCodeSettings.ACTION_ID)) {
            authSession.addRequiredAction(RecoveryCodeSettings.ACTION_ID);
        }
    }

    private static long created(CredentialModel credential) {
        return Optional.ofNullable(credential.getCreatedDate()).orElse(0L);
    }
}
