<#ftl output_format="plainText">
${msg("authenticator-email-otp.mailBody", code, ttlMinutes, realmName)}
