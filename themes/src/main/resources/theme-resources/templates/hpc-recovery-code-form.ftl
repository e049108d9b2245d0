<#-- Recovery-code page of authenticator-recovery-codes (any code, any order). Imports only template.ftl: works under keycloak and keycloak.v2. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('recoveryCodeInput'); section>
    <#if section = "header">
        ${msg("authenticator-recovery-codes.title")}
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/hpc-pages.css">
        <p id="recovery-code-instruction">${msg("authenticator-recovery-codes.instruction")}</p>
        <form id="kc-recovery-code-login-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
              onsubmit="this.login.disabled = true; return true;">
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcLabelWrapperClass!}">
                    <label for="recoveryCodeInput" class="${properties.kcLabelClass!}">${msg("authenticator-recovery-codes.codeLabel")}</label>
                </div>
                <div class="${properties.kcInputWrapperClass!}">
                    <input id="recoveryCodeInput" name="recoveryCodeInput" type="text" class="${properties.kcInputClass!}"
                           autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="64" autofocus dir="ltr"
                           aria-invalid="<#if messagesPerField.existsError('recoveryCodeInput')>true</#if>"/>
                    <#if messagesPerField.existsError('recoveryCodeInput')>
                        <span id="input-error-recovery-code" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">
                            ${kcSanitize(messagesPerField.get('recoveryCodeInput'))?no_esc}
                        </span>
                    </#if>
                </div>
            </div>
            <div id="kc-form-buttons" class="${properties.kcFormButtonsClass!}">
                <input id="kc-login" name="login" type="submit" value="${msg("doLogIn")}"
                       class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"/>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
