<#-- Push approval page of authenticator-push. Imports only template.ftl: works under keycloak and keycloak.v2. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('otp','push-code'); section>
    <#if section = "header">
        ${msg("authenticator-push.title")}
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/hpc-pages.css">
        <#if push.state == "waiting">
            <#if push.codeToPhone>
                <p id="push-instruction">${msg("authenticator-push.codeToPhoneInstruction")}</p>
            <#else>
                <p id="push-instruction">${msg("authenticator-push.instruction")}</p>
            </#if>
            <#if push.number?has_content>
                <p id="push-number-label">${msg("authenticator-push.numberLabel")}</p>
                <p id="push-number" class="hpc-push-number" style="font-size:2.5em;font-weight:bold;text-align:center;letter-spacing:0.1em;">${push.number}</p>
            </#if>
            <p id="push-countdown" aria-live="polite" data-template="${msg("authenticator-push.countdown", "{0}")}">
                ${msg("authenticator-push.countdown", push.secondsLeft?c)}
            </p>
        </#if>
        <#if push.state != "ended">
            <form id="kc-push-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
                  <#if push.state == "waiting">data-status-url="${push.statusUrl}" data-status-field="${push.statusField}" data-done-values="${push.doneValues}" data-poll-ms="${push.pollMillis?c}" data-seconds-left="${push.secondsLeft?c}"</#if>>
                <#if push.state == "code">
                    <p id="push-code-instruction">${msg("authenticator-push.codeInstruction")}</p>
                    <div class="${properties.kcFormGroupClass!}">
                        <div class="${properties.kcLabelWrapperClass!}">
                            <label for="push-code" class="${properties.kcLabelClass!}">${msg("authenticator-push.codeLabel")}</label>
                        </div>
                        <div class="${properties.kcInputWrapperClass!}">
                            <input id="push-code" name="push-code" type="text" class="${properties.kcInputClass!}" autocomplete="one-time-code"
                                   inputmode="numeric" maxlength="2" pattern="[0-9]*" dir="ltr" autofocus
                                   aria-invalid="<#if messagesPerField.existsError('push-code')>true</#if>"/>
                            <#if messagesPerField.existsError('push-code')>
                                <span id="input-error-push-code" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">
                                    ${kcSanitize(messagesPerField.get('push-code'))?no_esc}
                                </span>
                            </#if>
                        </div>
                    </div>
                </#if>
                <#if push.hasOtp && push.state != "code">
                    <div class="${properties.kcFormGroupClass!}">
                        <div class="${properties.kcLabelWrapperClass!}">
                            <label for="otp" class="${properties.kcLabelClass!}">${msg("authenticator-push.otpLabel")}</label>
                        </div>
                        <div class="${properties.kcInputWrapperClass!}">
                            <input id="otp" name="otp" type="text" class="${properties.kcInputClass!}" autocomplete="one-time-code"
                                   inputmode="numeric" maxlength="10" dir="ltr"
                                   aria-invalid="<#if messagesPerField.existsError('otp')>true</#if>"/>
                            <#if messagesPerField.existsError('otp')>
                                <span id="input-error-otp-code" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">
                                    ${kcSanitize(messagesPerField.get('otp'))?no_esc}
                                </span>
                            </#if>
                        </div>
                    </div>
                </#if>
                <div id="kc-form-buttons" class="${properties.kcFormButtonsClass!}">
                    <input id="kc-login" name="login" type="submit" value="${msg("authenticator-push.continue")}"
                           class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"/>
                </div>
            </form>
            <form id="kc-push-resend-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <input type="hidden" name="resend" value="true"/>
                <div class="${properties.kcFormButtonsClass!}">
                    <button id="push-resend" type="submit"
                            class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!}">
                        ${msg("authenticator-push.resend")}
                    </button>
                </div>
            </form>
            <script src="${url.resourcesPath}/js/hpc-push.js" defer></script>
        <#else>
            <p><a id="push-restart" href="${url.loginRestartFlowUrl}">${msg("authenticator-push.startOver")}</a></p>
        </#if>
    </#if>
</@layout.registrationLayout>
