<#-- "Enrol your second factor", step 1 (required-action-registration-token). Imports only template.ftl.
     Each choice is a submit button (works without JavaScript), drawn as a card with an icon and an arrow like
     Keycloak's own "choose a login method" list; css/hpc-pages.css gives the same look under keycloak.v2 and keycloak. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('factor'); section>
    <#if section = "header">
        ${msg("required-action-registration-token.chooseTitle")}
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/hpc-pages.css">
        <#-- The apps Keycloak's TOTP set-up page lists next (the realm's OTP policy), in the same words. -->
        <#assign totpApps = (enrolTotpApps![])?map(app -> msg(app))?join(", ")>
        <p id="enrol-intro" class="${properties.kcContentWrapperClass!}">${msg("required-action-registration-token.chooseIntro")}</p>
        <form id="kc-enrol-choose-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <ul class="hpc-enrol-choices" role="list">
                <#list enrolFactors as factor>
                    <li>
                        <button type="submit" id="factor-${factor}" name="factor" value="${factor}" class="hpc-enrol-choice">
                            <span class="hpc-enrol-icon" aria-hidden="true">
                                <i class="${(factor == "CONFIGURE_TOTP")?then("fa fa-mobile", (factor == "webauthn-register")?then("fa fa-key", "fa fa-bell"))}"></i>
                            </span>
                            <span class="hpc-enrol-text">
                                <span class="hpc-enrol-title">${msg("required-action-registration-token.factor." + factor)}</span>
                                <span class="hpc-enrol-help">${msg("required-action-registration-token.factorHelp." + factor, totpApps)}</span>
                            </span>
                            <span class="hpc-enrol-arrow" aria-hidden="true"><i class="fa fa-angle-right"></i></span>
                        </button>
                    </li>
                </#list>
            </ul>
            <#if messagesPerField.existsError('factor')>
                <span id="input-error-factor" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">
                    ${kcSanitize(messagesPerField.get('factor'))?no_esc}
                </span>
            </#if>
        </form>
    </#if>
</@layout.registrationLayout>
