<#-- Email code page of authenticator-email-otp. Imports only template.ftl: works under keycloak and keycloak.v2. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('emailCode'); section>
    <#if section = "header">
        ${msg("authenticator-email-otp.title")}
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/hpc-pages.css">
        <#if emailOtp.hasCode>
            <p id="email-otp-instruction">${msg("authenticator-email-otp.instruction", emailOtp.codeLength, emailOtp.ttlMinutes)}</p>
            <form id="kc-email-otp-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
                  onsubmit="this.login.disabled = true; return true;">
                <div class="${properties.kcFormGroupClass!}">
                    <div class="${properties.kcLabelWrapperClass!}">
                        <label for="emailCode" class="${properties.kcLabelClass!}">${msg("authenticator-email-otp.codeLabel")}</label>
                    </div>
                    <div class="${properties.kcInputWrapperClass!}">
                        <input id="emailCode" name="emailCode" type="text" class="${properties.kcInputClass!}"
                               autocomplete="one-time-code" inputmode="numeric" maxlength="${emailOtp.codeLength + 4}"
                               autofocus dir="ltr"
                               aria-invalid="<#if messagesPerField.existsError('emailCode')>true</#if>"/>
                        <#if messagesPerField.existsError('emailCode')>
                            <span id="input-error-email-code" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">
                                ${kcSanitize(messagesPerField.get('emailCode'))?no_esc}
                            </span>
                        </#if>
                    </div>
                </div>
                <div id="kc-form-buttons" class="${properties.kcFormButtonsClass!}">
                    <input id="kc-login" name="login" type="submit" value="${msg("doLogIn")}"
                           class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"/>
                </div>
            </form>
        <#else>
            <p id="email-otp-instruction">${msg("authenticator-email-otp.requestInstruction")}</p>
        </#if>
        <form id="kc-email-otp-resend-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <input type="hidden" name="resend" value="true"/>
            <div class="${properties.kcFormButtonsClass!}">
                <button id="email-otp-resend" type="submit" data-cooldown="${emailOtp.cooldownSeconds?c}"
                        class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!}">
                    ${msg("authenticator-email-otp.resend")}
                </button>
            </div>
            <p id="email-otp-cooldown" aria-live="polite"
               data-template="${msg("authenticator-email-otp.resendIn", "{0}")}"<#if emailOtp.cooldownSeconds == 0> hidden</#if>>
                ${msg("authenticator-email-otp.resendIn", emailOtp.cooldownSeconds?c)}
            </p>
        </form>
        <script src="${url.resourcesPath}/js/hpc-code-resend.js" defer></script>
    </#if>
</@layout.registrationLayout>
