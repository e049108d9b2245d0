package org.hpcmfa.keycloak.recoverycodes.codes;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import org.keycloak.models.credential.dto.RecoveryAuthnCodeRepresentation;

/**
 * The unused codes of one stored set, in Keycloak's stored shape (number and hash of each code). Any code of the
 * set is accepted, not only the next one in order as Keycloak's own form asks.
 */
public record RecoveryCodeSet(int total, List<RecoveryAuthnCodeRepresentation> unused) {

    public RecoveryCodeSet {
        unused = List.copyOf(unused);
    }

    /**
     * The number of the unused code the person typed, or empty. Every stored hash is compared, whatever matched
     * first, so the time taken tells nothing about which code (or whether any) matched.
     */
    public OptionalInt find(String typed) {
        String code = RecoveryCodeFormat.normalise(typed);
        if (code.isEmpty()) {
            return OptionalInt.empty();
        }
        byte[] typedHash = RecoveryCodeHashes.hash(code);
        int found = -1;
        for (RecoveryAuthnCodeRepresentation stored : unused) {
            boolean match = RecoveryCodeHashes.matches(typedHash, stored.getEncodedHashedValue());
            found = match && found < 0 ? stored.getNumber() : found;
        }
        return found < 0 ? OptionalInt.empty() : OptionalInt.of(found);
    }

    /** The set after the code with this number was used. */
    public RecoveryCodeSet without(int number) {
        List<RecoveryAuthnCodeRepresentation> left = new ArrayList<>(unused);
        left.removeIf(code -> code.getNumber() == number);
        return new RecoveryCodeSet(total, left);
    }

    public int remaining() {
        return unused.size();
    }
}
