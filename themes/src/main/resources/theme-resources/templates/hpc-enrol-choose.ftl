<#-- "Enrol your second factor", step 1 (required-action-registration-token). Imports only template.ftl.
     The choice is drawn like Keycloak's own "choose a login method" list (select-authenticator.ftl), with the same
     theme properties, so it looks native under keycloak.v2 and keycloak. Each choice is a submit button. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('factor'); section>
    <#if section = "header">
        ${msg("required-action-registration-token.chooseTitle")}
    <#elseif section = "form">
        <p id="enrol-intro" class="${properties.kcContentWrapperClass!}">${msg("required-action-registration-token.chooseIntro")}</p>
        <form id="kc-enrol-choose-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <ul class="${properties.kcSelectAuthListClass!} hpc-enrol-choices" role="list">
                <#list enrolFactors as factor>
                    <li class="${properties.kcSelectAuthListItemWrapperClass!}">
                        <button type="submit" id="factor-${factor}" name="factor" value="${factor}"
                                class="${properties.kcSelectAuthListItemClass!} hpc-enrol-choice">
                            <div class="${properties.kcSelectAuthListItemIconClass!}">
                                <i class="${(factor == "CONFIGURE_TOTP")?then(properties.kcAuthenticatorOTPClass!'', properties.kcAuthenticatorDefaultClass!'')} ${properties.kcSelectAuthListItemIconPropertyClass!}" aria-hidden="true"></i>
                            </div>
                            <div class="${properties.kcSelectAuthListItemBodyClass!}">
                                <h2 class="${properties.kcSelectAuthListItemHeadingClass!}">${msg("required-action-registration-token.factor." + factor)}</h2>
                                <div class="${properties.kcSelectAuthListItemDescriptionClass!}">${msg("required-action-registration-token.factorHelp." + factor)}</div>
                            </div>
                            <div class="${properties.kcSelectAuthListItemFillClass!}"></div>
                            <div class="${properties.kcSelectAuthListItemArrowClass!}">
                                <i class="${properties.kcSelectAuthListItemArrowIconClass!}" aria-hidden="true"></i>
                            </div>
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
        <style>
            <#-- Buttons instead of the list's click handlers (works without JavaScript). :where() adds no
                 specificity: the theme's own rules for the list win, these only undo the browser's button look. -->
            :where(.hpc-enrol-choices) { list-style: none; padding: 0; margin: 0; }
            :where(.hpc-enrol-choice) { width: 100%; border: 0; background: none; font: inherit; color: inherit;
                                        text-align: start; cursor: pointer; padding: 0; }
        </style>
    </#if>
</@layout.registrationLayout>
