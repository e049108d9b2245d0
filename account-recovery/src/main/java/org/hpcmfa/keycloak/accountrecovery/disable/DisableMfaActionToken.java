package org.hpcmfa.keycloak.accountrecovery.disable;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.authentication.actiontoken.DefaultActionToken;

/**
 * The emailed confirmation link of "Disable two-factor login": a Keycloak action token signed with the realm's
 * key, bound to the user (subject), to the email address it was sent to, and to the second factors the user had
 * when asking (their credential ids, so a factor enrolled after the mail is never removed by it).
 *
 * <p>The link's validity is {@link #getValidUntil()}. The JWT's own {@code exp} lies {@link #EXPLAINED_EXPIRY_SECONDS}
 * later: Keycloak refuses an expired JWT before any handler runs, with its terse "Action expired."; for a day
 * after the link's end our handler sees it and says that the link expired and what to do instead.
 */
public class DisableMfaActionToken extends DefaultActionToken {

    public static final String TOKEN_TYPE = DisableMfaAction.ID;

    static final int EXPLAINED_EXPIRY_SECONDS = 24 * 3600;

    private static final String VALID_UNTIL = "hpc-until";
    private static final String CREDENTIAL_IDS = "hpc-cids";

    @JsonProperty(VALID_UNTIL)
    private long validUntil;

    @JsonProperty(CREDENTIAL_IDS)
    private List<String> credentialIds;

    DisableMfaActionToken(String userId, String email, String clientId, int validUntil, List<String> credentialIds) {
        super(userId, TOKEN_TYPE, validUntil + EXPLAINED_EXPIRY_SECONDS, null);
        setEmail(email);
        this.issuedFor = clientId;
        this.validUntil = validUntil;
        this.credentialIds = List.copyOf(credentialIds);
    }

    /** For Jackson, which reads the token back from the link. */
    private DisableMfaActionToken() {
    }

    public long getValidUntil() {
        return validUntil;
    }

    public List<String> getCredentialIds() {
        return credentialIds == null ? List.of() : credentialIds;
    }

    boolean isPastValidity(long now) {
        return now > validUntil;
    }
}
