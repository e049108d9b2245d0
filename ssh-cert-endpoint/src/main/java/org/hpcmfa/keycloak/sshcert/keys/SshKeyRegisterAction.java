package org.hpcmfa.keycloak.sshcert.keys;

import java.util.Map;

import jakarta.ws.rs.core.Response;
import org.hpcmfa.keycloak.sshcert.ca.RealmSshCa;
import org.hpcmfa.keycloak.sshcert.ca.SshCaComponent;
import org.hpcmfa.keycloak.sshcert.policy.RegisteredKeyPolicy;
import org.hpcmfa.keycloak.sshcert.policy.SignRefusal;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;

/**
 * "Register an SSH key": the Account Console's "Set up" for SSH keys (kc_action=hpc-ssh-key-register). The person
 * pastes one public key line; it is checked as the key endpoint checks it. Every refusal has its translated text.
 */
public class SshKeyRegisterAction implements RequiredActionProvider {

    public static final String ID = "hpc-ssh-key-register";
    static final String TEMPLATE = "hpc-ssh-key-register.ftl";
    static final String FIELD = "publicKey";

    /** Error code of {@link RegisteredKeys} to the message shown on the page. */
    private static final Map<String, String> MESSAGES = Map.of(
            "invalid_public_key", "ssh-cert-endpoint.sshKeyInvalid",
            "too_large", "ssh-cert-endpoint.sshKeyInvalid",
            "key_already_registered", "ssh-cert-endpoint.sshKeyDuplicate",
            "too_many_keys", "ssh-cert-endpoint.sshKeyTooMany",
            "rate_limited", "ssh-cert-endpoint.sshKeyRateLimited");

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        context.challenge(page(context, null, ""));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        String line = context.getHttpRequest().getDecodedFormParameters().getFirst(FIELD);
        SshCaComponent ca = RealmSshCa.signer(context.getRealm()).orElse(null);
        RegisteredKeyPolicy policy = RegisteredKeyPolicy.from(ca == null ? new MultivaluedHashMap<>() : ca.config());
        int rsaMinBits = ca == null ? 3072 : ca.policy().rsaMinBits();
        context.getEvent().event(EventType.UPDATE_CREDENTIAL).detail(Details.CREDENTIAL_TYPE, SshKeyCredentialModel.TYPE);
        try {
            SshKeyCredentialModel key = new RegisteredKeys(context.getSession(), context.getRealm())
                    .add(context.getUser(), line, rsaMinBits, policy);
            context.getEvent().detail(Details.CREDENTIAL_ID, key.getId()).detail("key_fingerprint", key.fingerprint());
            context.success();
        } catch (SignRefusal refusal) {
            context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL_ERROR).detail(Details.REASON, refusal.getMessage())
                    .error(KeyEventErrors.of(refusal.error()));
            String shown = line == null ? "" : line.length() > RegisteredKeys.MAX_LINE ? "" : line;
            context.challenge(page(context, MESSAGES.getOrDefault(refusal.error(), "ssh-cert-endpoint.sshKeyInvalid"), shown));
        }
    }

    private static Response page(RequiredActionContext context, String error, String value) {
        var form = context.form().setAttribute("sshKey", Map.of("value", value));
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(TEMPLATE);
    }

    @Override
    public void close() {
    }
}
