package org.hpcmfa.keycloak.recoverycodes.codes;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.RecoveryAuthnCodesCredentialModel;
import org.keycloak.models.credential.dto.RecoveryAuthnCodesCredentialData;
import org.keycloak.models.credential.dto.RecoveryAuthnCodesSecretData;
import org.keycloak.util.JsonSerialization;

/**
 * A user's recovery codes in Keycloak's own credential ({@code recovery-authn-codes}, one per user, same stored
 * shape): issuing a set in the realm's count, counting what is left, and using any unused code once.
 */
public final class RecoveryCodes {

    public static final String TYPE = RecoveryAuthnCodesCredentialModel.TYPE;

    /** What a typed code did. */
    public enum Outcome { ACCEPTED, WRONG, NO_CODES, BUSY }

    /** The outcome and, when accepted, how many codes are left. */
    public record Use(Outcome outcome, int remaining) {
    }

    private RecoveryCodes() {
    }

    /** Voids the user's set and stores these codes (shown to the person once, never kept in clear). */
    public static CredentialModel store(UserModel user, List<String> codes, String label) {
        user.credentialManager().getStoredCredentialsByTypeStream(TYPE).toList()
                .forEach(old -> user.credentialManager().removeStoredCredentialById(old.getId()));
        RecoveryAuthnCodesCredentialModel model = RecoveryAuthnCodesCredentialModel.createFromValues(codes,
                Time.currentTimeMillis(), label);
        return user.credentialManager().createStoredCredential(model);
    }

    /** A new set in the realm's count, stored; returns the codes in clear. */
    public static List<String> issue(RealmModel realm, UserModel user) {
        List<String> codes = RecoveryCodeGenerator.generate(RecoveryCodeSettings.of(realm).count());
        store(user, codes, null);
        return codes;
    }

    public static Optional<CredentialModel> credential(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(TYPE).findFirst();
    }

    public static int remaining(UserModel user) {
        return credential(user).flatMap(RecoveryCodes::read).map(RecoveryCodeSet::remaining).orElse(0);
    }

    /**
     * Uses the typed code if it is one of the user's unused codes. Under a cluster-wide lock on the user's set, the
     * set is re-read from the database, the code removed and the set written back, so two logins racing with the
     * same code (or with two codes) never both win nor bring a used code back.
     */
    public static Use use(KeycloakSession session, RealmModel realm, UserModel user, String typed) {
        if (credential(user).isEmpty()) {
            return new Use(Outcome.NO_CODES, 0);
        }
        if (!RecoveryCodeLock.acquire(session, user)) {
            return new Use(Outcome.BUSY, 0);
        }
        Optional<CredentialModel> fresh = RecoveryCodeLock.reread(session, realm, user);
        Optional<RecoveryCodeSet> set = fresh.flatMap(RecoveryCodes::read);
        if (set.isEmpty() || set.get().remaining() == 0) {
            return new Use(Outcome.NO_CODES, 0);
        }
        OptionalInt number = set.get().find(typed);
        if (number.isEmpty()) {
            return new Use(Outcome.WRONG, set.get().remaining());
        }
        RecoveryCodeSet left = set.get().without(number.getAsInt());
        user.credentialManager().updateStoredCredential(written(fresh.get(), left));
        return new Use(Outcome.ACCEPTED, left.remaining());
    }

    /** Keycloak's stored shape; empty when the stored data cannot be read. */
    static Optional<RecoveryCodeSet> read(CredentialModel credential) {
        try {
            RecoveryAuthnCodesCredentialData data = JsonSerialization.readValue(credential.getCredentialData(),
                    RecoveryAuthnCodesCredentialData.class);
            RecoveryAuthnCodesSecretData secret = JsonSerialization.readValue(credential.getSecretData(),
                    RecoveryAuthnCodesSecretData.class);
            return Optional.of(new RecoveryCodeSet(data.getTotalCodes(), secret.getCodes()));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    static CredentialModel written(CredentialModel stored, RecoveryCodeSet left) {
        try {
            RecoveryAuthnCodesCredentialData data = JsonSerialization.readValue(stored.getCredentialData(),
                    RecoveryAuthnCodesCredentialData.class);
            data.setRemainingCodes(left.remaining());
            CredentialModel updated = new CredentialModel();
            updated.setId(stored.getId());
            updated.setType(stored.getType());
            updated.setUserLabel(stored.getUserLabel());
            updated.setCreatedDate(stored.getCreatedDate());
            updated.setCredentialData(JsonSerialization.writeValueAsString(data));
            updated.setSecretData(JsonSerialization.writeValueAsString(new RecoveryAuthnCodesSecretData(left.unused())));
            return updated;
        } catch (IOException unwritable) {
            throw new IllegalStateException("The recovery-code set could not be written", unwritable);
        }
    }
}
