// Waiting pages of authenticator-push (login approval and phone enrolment). Asks Keycloak itself (same origin)
// whether the phone has answered; the status URL makes Keycloak hold the question until the answer arrives (a long
// poll, bounded server-side), so the page submits its form within milliseconds of the approval, whichever node the
// phone reached. A status answer that comes back early and still pending (a proxy, an older server) is asked again
// only after data-poll-ms. No JavaScript: the user presses "Continue".
// Every name of the status contract comes from the page (rendered from Java's PageStatus): the URL, the field of
// the JSON answer to read, and the values of that field that end the waiting. This script names none of them.
(function () {
    "use strict";
    var form = document.querySelector("form[data-status-url]");
    if (!form || !window.XMLHttpRequest) {
        return;
    }
    var url = form.getAttribute("data-status-url");
    var field = form.getAttribute("data-status-field");
    var doneValues = (form.getAttribute("data-done-values") || "").split(" ");
    var every = parseInt(form.getAttribute("data-poll-ms"), 10) || 500;
    var deadline = Date.now() + (parseInt(form.getAttribute("data-seconds-left"), 10) || 0) * 1000;
    var countdown = document.getElementById("push-countdown");
    var template = countdown ? countdown.getAttribute("data-template") || "{0}" : null;
    var done = false;

    function submit() {
        if (done) {
            return;
        }
        done = true;
        var otp = document.getElementById("otp");
        if (otp) {
            otp.value = ""; // the phone's answer decides; a half-typed code must not count as a wrong one
        }
        form.submit();
    }

    function finished(status) {
        return status !== null && typeof status === "object" && !!field
            && Object.prototype.hasOwnProperty.call(status, field) && doneValues.indexOf(String(status[field])) >= 0;
    }

    function countdownTick() {
        if (done) {
            return;
        }
        var left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
        if (countdown) {
            countdown.textContent = template.replace("{0}", String(left));
        }
        if (left <= 0) {
            submit();
            return;
        }
        window.setTimeout(countdownTick, 1000);
    }

    function ask() {
        if (done) {
            return;
        }
        var askedAt = Date.now();
        var request = new XMLHttpRequest();
        request.open("GET", url, true);
        request.onload = function () {
            var status = null;
            try {
                status = request.status === 200 ? JSON.parse(request.responseText) : null;
            } catch (ignored) {
                status = null;
            }
            if (finished(status)) {
                submit();
            } else {
                window.setTimeout(ask, Math.max(0, every - (Date.now() - askedAt)));
            }
        };
        request.onerror = function () {
            window.setTimeout(ask, every * 4);
        };
        request.send();
    }
    countdownTick();
    ask();
})();
