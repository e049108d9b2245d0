// Counts the resend cooldown down on the pages that send a code (email, SMS) and enables "Send a new code" when it
// ends. Without JavaScript the button stays usable and the server answers with the time left.
(function () {
    "use strict";
    var button = document.querySelector("button[data-cooldown]");
    var notice = document.querySelector("[data-template][aria-live]");
    if (!button || !notice) {
        return;
    }
    var left = parseInt(button.getAttribute("data-cooldown"), 10) || 0;
    var template = notice.getAttribute("data-template") || "{0}";

    function render() {
        if (left <= 0) {
            button.disabled = false;
            notice.hidden = true;
            return;
        }
        button.disabled = true;
        notice.hidden = false;
        notice.textContent = template.replace("{0}", String(left));
        left -= 1;
        window.setTimeout(render, 1000);
    }
    render();
})();
