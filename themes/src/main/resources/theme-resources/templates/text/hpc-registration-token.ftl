<#ftl output_format="plainText">
${msg("required-action-registration-token.mailBody", username, token, expiresAt, portalUrl, realmName)}
