<#ftl output_format="plainText">
${msg("account-recovery.disableMfaMailBody", username, link, linkValidityMinutes?c, realmName)}
