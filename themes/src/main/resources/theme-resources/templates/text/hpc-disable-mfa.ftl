<#ftl output_format="plainText">
${msg("required-action-registration-token.disableMfaMailBody", username, link, linkValidityMinutes?c, realmName)}
