package org.hpcmfa.keycloak.recoverycodes.codes;

import java.util.List;
import java.util.stream.Stream;

import org.keycloak.common.util.SecretGenerator;
import org.keycloak.models.utils.RecoveryAuthnCodesUtils;

/** New codes as Keycloak makes them (12 upper-case letters and digits, about 62 bits each), in any number. */
public final class RecoveryCodeGenerator {

    static final int CODE_LENGTH = 12;

    private RecoveryCodeGenerator() {
    }

    public static List<String> generate(int count) {
        SecretGenerator random = SecretGenerator.getInstance();
        // An all-digit draw (about 2 in 10 million) would pass for a numeric code where both may be typed (the SSH
        // prompt, the terminal's sign-in): every code of a set is recognisable as a recovery code.
        return Stream.generate(() -> random.randomString(CODE_LENGTH, RecoveryAuthnCodesUtils.UPPERNUM))
                .filter(RecoveryCodeFormat::looksLikeCode).distinct().limit(count).toList();
    }
}
