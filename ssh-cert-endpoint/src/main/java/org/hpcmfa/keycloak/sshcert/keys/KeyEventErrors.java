package org.hpcmfa.keycloak.sshcert.keys;

import org.hpcmfa.keycloak.common.events.EventErrors;

/**
 * Event errors of key registration: {@code ssh_key_<condition>}, the condition being the answer's code without
 * its own "key_" ({@code key_already_registered} → {@code ssh_key_already_registered}, not ssh_key_key_...).
 */
final class KeyEventErrors {

    private KeyEventErrors() {
    }

    static String of(String code) {
        String condition = code.startsWith("key_") ? code.substring("key_".length()) : code;
        return EventErrors.Capability.SSH_KEY.error(condition);
    }
}
