package org.hpcmfa.keycloak.sshcert.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hpcmfa.keycloak.common.console.ConsoleForm;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * The terminal prompt's settings left the CA's form, but the CA still declares their keys (not shown): saving the
 * CA must not drop the values that realms not yet migrated read as a fallback.
 */
class RetiredTerminalKeysTest {

    @Test
    void theOldTerminalKeysAreKeptButNotShown() {
        List<ProviderConfigProperty> retired = new SshCaKeyProviderFactory().getConfigProperties().stream()
                .filter(p -> p.getName().startsWith("terminal-")).toList();
        assertEquals(SshCaKeyProviderFactory.RETIRED_TERMINAL_KEYS,
                retired.stream().map(ProviderConfigProperty::getName).toList());
        assertTrue(retired.stream().allMatch(p -> ConsoleForm.PAGE_PARAMETER_TYPE.equals(p.getType())
                && p.getHelpText() == null), "no editor, no help: the console shows nothing");
    }
}
