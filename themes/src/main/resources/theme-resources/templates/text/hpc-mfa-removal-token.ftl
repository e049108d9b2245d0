<#ftl output_format="plainText">
${msg("account-recovery.removalMailBody", username, token, tokenValidityMinutes?c, realmName, factors)}
