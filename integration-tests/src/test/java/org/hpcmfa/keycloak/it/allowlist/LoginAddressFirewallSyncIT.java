package org.hpcmfa.keycloak.it.allowlist;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.NFTABLES;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.PYTHON3;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.prerequisites.Needs;
import org.hpcmfa.keycloak.it.sshterminal.TerminalApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The login node's side: hpc-allowlist-sync turns the realm's list into nftables sets that nft really loads (as
 * root; the test uses a table of its own and drops it afterwards), skips an unchanged list (304) but refills sets a
 * reboot or flush emptied, follows a removal, and keeps the loaded sets when Keycloak refuses it.
 */
@Needs({ROOT, NFTABLES, PYTHON3})
@KeycloakIntegrationTest(config = PackServerConfig.class)
class LoginAddressFirewallSyncIT {

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @TempDir
    Path dir;

    @AfterEach
    void dropTheTestsTable() throws Exception {
        AllowlistSync.dropTable();
    }

    private void sshLogin(TerminalApi terminal, String gateway, String user, String from) throws Exception {
        TerminalApi.Reply started = terminal.call(gateway, "start", Map.of("username", user, "remote_address", from));
        assertEquals(200, terminal.finish(gateway, started.text("handle"), TestUsers.totpNow()).status());
    }

    @Test
    void theSyncLoadsTheListIntoNftablesSetsAndFollowsChanges() throws Exception {
        AllowlistApi.ensureFirewallClient(realm.admin());
        AllowlistApi.settings(realm.admin(), Map.of("login-address-enabled", "true"));
        AllowlistApi api = new AllowlistApi(realm.getBaseUrl());
        TerminalApi terminal = new TerminalApi(realm.getBaseUrl());
        String gateway = terminal.gatewayToken("ssh-gateway", TerminalApi.secret(realm.admin(), "ssh-gateway"));
        String ada = TestUsers.create(realm.admin(), "al-nft-a", "example.org", false, true);
        String bob = TestUsers.create(realm.admin(), "al-nft-b", "example.org", false, true);
        sshLogin(terminal, gateway, ada, "192.0.2.44");
        sshLogin(terminal, gateway, bob, "2001:db8::44");
        String adaId = TestUsers.id(realm.admin(), ada);
        long until = System.currentTimeMillis() + 10_000;
        while (api.ofUser(admin.tokenManager().getAccessTokenString(), adaId).isEmpty()
                && System.currentTimeMillis() < until) {
            Thread.sleep(100);
        }

        AllowlistSync sync = new AllowlistSync(dir, realm.getBaseUrl(), AllowlistApi.FIREWALL_CLIENT,
                AllowlistApi.FIREWALL_SECRET);
        AllowlistSync.Result first = sync.run();
        assertEquals(0, first.exitCode(), first.output());
        String firewallToken = terminal.gatewayToken(AllowlistApi.FIREWALL_CLIENT, AllowlistApi.FIREWALL_SECRET);
        List<String> listed = api.firewall(firewallToken, "firewall", Map.of()).addresses();
        assertTrue(listed.containsAll(List.of("192.0.2.44", "2001:db8::44")), listed.toString());
        assertEquals(new TreeSet<>(listed), sync.fileAddresses(), "the nft file adds exactly the list");
        assertTrue(AllowlistSync.nftSet("allowed_v4").contains("192.0.2.44"), AllowlistSync.nftSet("allowed_v4"));
        assertTrue(AllowlistSync.nftSet("allowed_v6").contains("2001:db8::44"), AllowlistSync.nftSet("allowed_v6"));

        AllowlistSync.Result again = sync.run();
        assertEquals(0, again.exitCode(), again.output());
        assertTrue(again.output().contains("unchanged"), "an unchanged list costs a 304: " + again.output());

        // A reboot or a firewall reload empties the sets while the ETag and the file stay: the 304 refills them.
        AllowlistSync.dropTable();
        AllowlistSync.Result afterReboot = sync.run();
        assertEquals(0, afterReboot.exitCode(), afterReboot.output());
        assertTrue(afterReboot.output().contains("re-filled"), "still a 304, the sets loaded again: " + afterReboot.output());
        assertTrue(AllowlistSync.nftSet("allowed_v4").contains("192.0.2.44"), AllowlistSync.nftSet("allowed_v4"));
        assertTrue(AllowlistSync.nftSet("allowed_v6").contains("2001:db8::44"), AllowlistSync.nftSet("allowed_v6"));
        AllowlistSync.nft("flush", "set", "inet", AllowlistSync.TABLE, "allowed_v6");
        assertTrue(sync.run().output().contains("re-filled"), "a flushed set is noticed too");
        assertTrue(AllowlistSync.nftSet("allowed_v6").contains("2001:db8::44"), AllowlistSync.nftSet("allowed_v6"));

        assertEquals(200, api.adminRemove(admin.tokenManager().getAccessTokenString(), adaId, "192.0.2.44").status());
        AllowlistSync.Result afterRemoval = sync.run();
        assertEquals(0, afterRemoval.exitCode(), afterRemoval.output());
        assertFalse(AllowlistSync.nftSet("allowed_v4").contains("192.0.2.44"), "the removal reaches the set");
        assertTrue(AllowlistSync.nftSet("allowed_v6").contains("2001:db8::44"), "the others stay");
        String loaded = Files.readString(sync.output);

        // Keycloak refuses the client (its secret changed): the sets and the file stay as they were.
        String clientId = realm.admin().clients().findByClientId(AllowlistApi.FIREWALL_CLIENT).get(0).getId();
        realm.admin().clients().get(clientId).generateNewSecret();
        AllowlistSync.Result refused = sync.run();
        assertEquals(1, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("keeps its previous set"), refused.output());
        assertEquals(loaded, Files.readString(sync.output));
        assertTrue(AllowlistSync.nftSet("allowed_v6").contains("2001:db8::44"), "the loaded set is kept");
    }
}
