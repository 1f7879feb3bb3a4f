// The live composer: Ctrl+Enter (Cmd+Enter) in the form presses its first button (post, or
// save draft for a contributor), so an entry is written and posted without leaving the keyboard.
(function () {
  "use strict";
  document.querySelectorAll("form[data-live-composer]").forEach(function (form) {
    form.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        var button = form.querySelector("button[data-primary]");
        if (button && !button.disabled) {
          // requestSubmit keeps the button's name=value (post, schedule, draft); disabled
          // afterwards, so a second press does not post the entry twice.
          form.requestSubmit(button);
          window.setTimeout(function () { button.disabled = true; }, 0);
        }
      }
    });
  });
})();
