<#ftl output_format="plainText">
${msg("ssh-cert-endpoint.notMeMailBody", username, clientName, requesterAddress, fingerprint, time, realmName)}
