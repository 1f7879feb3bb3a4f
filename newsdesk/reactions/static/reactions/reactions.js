/* "Do you like this article?": send the answer with fetch and show the counts in place.
   Without JavaScript, or in a browser this script does not suit, the form posts as usual and the
   server redirects back to the story with the counts. No build step: plain ES2017. */
(function () {
  "use strict";

  // Clone the server-rendered results template, so every word stays translated by Django.
  function showResults(section, data) {
    var template = section.querySelector("template[data-reactions-template]");
    var results = template.content.firstElementChild.cloneNode(true);
    results.querySelectorAll("[data-field]").forEach(function (slot) {
      slot.textContent = String(data[slot.dataset.field]);
    });
    results.querySelectorAll("[data-answer]").forEach(function (line) {
      if (line.dataset.answer !== data.choice) {
        line.remove();
      }
    });
    // The status element is an aria-live region: replacing its content is what gets announced.
    section.querySelector("[data-reactions-status]").replaceChildren(results);
  }

  function showMessage(section, message) {
    var paragraph = document.createElement("p");
    paragraph.className = "reactions__refused";
    paragraph.textContent = message;
    section.querySelector("[data-reactions-status]").replaceChildren(paragraph);
  }

  function send(section, form, choice) {
    var body = new URLSearchParams();
    body.set("choice", choice);
    form.setAttribute("aria-busy", "true");
    return fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response
          .json()
          .catch(function () {
            return {};
          })
          .then(function (data) {
            if (response.ok) {
              showResults(section, data);
            } else {
              showMessage(section, data.error || section.dataset.error);
            }
          });
      })
      .catch(function () {
        showMessage(section, section.dataset.error);
      })
      .finally(function () {
        form.removeAttribute("aria-busy");
      });
  }

  function setUp(section) {
    var form = section.querySelector("form");
    if (!form || !window.fetch || !("content" in document.createElement("template"))) {
      return;
    }
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button || button.name !== "choice") {
        return; // A browser without event.submitter: let the form post without JavaScript.
      }
      event.preventDefault();
      if (form.getAttribute("aria-busy") !== "true") {
        send(section, form, button.value);
      }
    });
    // "change your answer" moves focus to the buttons, not just the scroll position.
    section.addEventListener("click", function (event) {
      var link = event.target.closest('a[href="#reactions-form"]');
      if (link) {
        event.preventDefault();
        form.querySelector("button").focus();
      }
    });
  }

  document.querySelectorAll("[data-reactions]").forEach(setUp);
})();
