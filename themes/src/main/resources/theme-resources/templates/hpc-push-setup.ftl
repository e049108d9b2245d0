<#-- Push enrolment page of authenticator-push. Imports only template.ftl: works under keycloak and keycloak.v2. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("authenticator-push.setupTitle")}
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/hpc-pages.css">
        <ol id="push-setup-steps">
            <li>${msg("authenticator-push.setupStep1")}</li>
            <li>${msg("authenticator-push.setupStep2")}</li>
            <li>${msg("authenticator-push.setupStep3")}</li>
        </ol>
        <p style="text-align:center;"><img id="push-qr" src="${pushSetup.qrCode}" alt="${msg("authenticator-push.setupQrAlt")}" width="250" height="250"/></p>
        <p id="push-setup-expiry">${msg("authenticator-push.setupExpiresIn", pushSetup.ttlMinutes?c)}</p>
        <p>${msg("authenticator-push.setupNoScan")} <a id="push-enrol-link" href="${pushSetup.uri}">${msg("authenticator-push.setupLink")}</a></p>
        <p><code id="push-enrol-uri" style="word-break:break-all;">${pushSetup.uri}</code></p>
        <form id="kc-push-setup-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
              data-status-url="${pushSetup.statusUrl}" data-status-field="${pushSetup.statusField}" data-done-values="${pushSetup.doneValues}"
              data-poll-ms="${pushSetup.pollMillis?c}" data-seconds-left="${pushSetup.secondsLeft?c}">
            <div class="${properties.kcFormButtonsClass!}">
                <input id="push-setup-continue" type="submit" value="${msg("authenticator-push.setupContinue")}"
                       class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"/>
            </div>
        </form>
        <form id="kc-push-setup-restart-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <input type="hidden" name="restart" value="true"/>
            <div class="${properties.kcFormButtonsClass!}">
                <button id="push-setup-restart" type="submit"
                        class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!}">
                    ${msg("authenticator-push.setupRestart")}
                </button>
            </div>
        </form>
        <#if isAppInitiatedAction??>
            <form id="kc-push-setup-cancel-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <div class="${properties.kcFormButtonsClass!}">
                    <button id="push-setup-cancel" type="submit" name="cancel-aia" value="true"
                            class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!}">
                        ${msg("doCancel")}
                    </button>
                </div>
            </form>
        </#if>
        <script src="${url.resourcesPath}/js/hpc-push.js" defer></script>
    </#if>
</@layout.registrationLayout>
