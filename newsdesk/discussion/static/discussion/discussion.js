/* Newsdesk discussion: the live counter, posting without a reload, replying under a comment.
   Vanilla JavaScript, no build step, loaded with `defer`. The page works without it: the form
   posts normally, Reply links go to a reply page, and the counter shows its server-rendered
   "1500 / 1500". */
(function () {
  "use strict";

  // The counting rule, the same as newsdesk/discussion/text.py: CRLF and CR count as one line
  // break, the text is NFC-normalised, and code points are counted (not UTF-16 code units,
  // which is what a textarea's maxlength and String.length count).
  function countCharacters(value) {
    return Array.from(value.replace(/\r\n?/g, "\n").normalize("NFC")).length;
  }

  window.Newsdesk = window.Newsdesk || {};
  window.Newsdesk.countCharacters = countCharacters;

  // Messages come translated from data attributes, with {name} placeholders.
  function format(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (match, name) {
      return name in values ? String(values[name]) : match;
    });
  }

  // Numbers in the digits the page shows (data-digits: "0123456789", or Arabic-Indic ones).
  function inDigits(number, digits) {
    var text = String(number);
    if (!digits || digits.length !== 10) {
      return text;
    }
    return text.replace(/[0-9]/g, function (digit) {
      return digits.charAt(Number(digit));
    });
  }

  function setUpCounter(form) {
    var textarea = form.querySelector("textarea[name=text]");
    var counter = form.querySelector("[data-counter]");
    var value = form.querySelector("[data-counter-value]");
    var announcer = form.querySelector("[data-counter-announce]");
    if (!textarea || !counter || !value) {
      return function () {};
    }
    var max = parseInt(form.dataset.maxLength, 10);
    var warnAt = parseInt(form.dataset.warnAt || "50", 10);
    var lastAnnounced = null;

    function update() {
      var remaining = max - countCharacters(textarea.value);
      var state = remaining < 0 ? "over" : remaining <= warnAt ? "warning" : "ok";
      var digits = form.dataset.digits;
      value.textContent = inDigits(remaining, digits) + " / " + inDigits(max, digits);
      counter.classList.toggle("counter--warning", state === "warning");
      counter.classList.toggle("counter--over", state === "over");
      if (!announcer) {
        return;
      }
      // Announce on entering the warning or over state and then every ten characters, not
      // on every keystroke: a screen reader would read nothing else.
      var step = state === "ok" ? null : state + ":" + Math.floor(remaining / 10);
      if (step !== null && step !== lastAnnounced) {
        announcer.textContent =
          state === "over"
            ? format(form.dataset.msgOver, { over: inDigits(-remaining, digits), max: inDigits(max, digits) })
            : format(form.dataset.msgLeft, { remaining: inDigits(remaining, digits), max: inDigits(max, digits) });
      }
      if (step === null && lastAnnounced !== null) {
        announcer.textContent = "";
      }
      lastAnnounced = step;
    }

    textarea.addEventListener("input", update);
    update();
    return update;
  }

  function fieldWrapper(form, name) {
    return form.querySelector('[data-field="' + name + '"]');
  }

  function clearErrors(form) {
    form.querySelectorAll("[data-error-for]").forEach(function (element) {
      element.textContent = "";
    });
    form.querySelectorAll(".field--error").forEach(function (element) {
      element.classList.remove("field--error");
    });
    form.querySelectorAll("[aria-invalid]").forEach(function (element) {
      element.removeAttribute("aria-invalid");
    });
    form.querySelector("[data-form-errors]").textContent = "";
  }

  function showErrors(form, errors) {
    clearErrors(form);
    var general = form.querySelector("[data-form-errors]");
    var firstInvalid = null;
    Object.keys(errors).forEach(function (name) {
      var messages = errors[name] || [];
      var target = form.querySelector('[data-error-for="' + name + '"]');
      var input = form.elements[name];
      if (target && input && input.type !== "hidden") {
        messages.forEach(function (message) {
          var line = document.createElement("span");
          line.className = "field__error-line";
          line.textContent = message;
          target.appendChild(line);
        });
        fieldWrapper(form, name).classList.add("field--error");
        input.setAttribute("aria-invalid", "true");
        firstInvalid = firstInvalid || input;
      } else {
        messages.forEach(function (message) {
          var paragraph = document.createElement("p");
          paragraph.textContent = message;
          general.appendChild(paragraph);
        });
      }
    });
    if (firstInvalid) {
      firstInvalid.focus();
    }
  }

  function showStatus(form, data) {
    var status = form.querySelector("[data-form-status]");
    status.textContent = "";
    status.className = "comment-form__status comment-form__status--" + data.status;
    var paragraph = document.createElement("p");
    paragraph.textContent = data.message;
    status.appendChild(paragraph);
    if (data.reasons && data.reasons.length) {
      var list = document.createElement("ul");
      data.reasons.forEach(function (reason) {
        var item = document.createElement("li");
        item.textContent = reason;
        list.appendChild(item);
      });
      status.appendChild(list);
    }
  }

  function insertComment(data) {
    var holder = document.createElement("ol");
    holder.innerHTML = data.comment_html; // rendered and escaped by the server
    var item = holder.firstElementChild;
    if (!item) {
      return;
    }
    item.classList.add("comment--new");
    var parentItem = data.parent_id ? document.getElementById("comment-" + data.parent_id) : null;
    if (parentItem) {
      if (Number(item.dataset.level) > Number(parentItem.dataset.level)) {
        var replies = parentItem.querySelector(":scope > ol.comments--replies");
        if (!replies) {
          replies = document.createElement("ol");
          replies.className = "comments comments--replies";
          parentItem.appendChild(replies);
        }
        replies.appendChild(item);
      } else {
        parentItem.after(item); // below the deepest level: shown after it, "in reply to"
      }
    } else {
      var list = document.querySelector("[data-comments]");
      if (!list) {
        return;
      }
      if (list.dataset.order === "newest") {
        list.prepend(item);
      } else {
        list.appendChild(item);
      }
      var empty = document.querySelector("[data-comments-empty]");
      if (empty) {
        empty.remove();
      }
    }
  }

  function refreshToken(form) {
    var url = form.dataset.tokenUrl;
    if (!url || !window.fetch) {
      return;
    }
    // The page may come from a shared cache: a fresh token starts the form's clock now.
    fetch(url, { headers: { Accept: "application/json" }, cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data && data.token) {
          form.elements.token.value = data.token;
        }
      })
      .catch(function () {
        // Keep the server-rendered token; it is valid for a day.
      });
  }

  function setUpReplies(form, updateCounter) {
    var title = form.querySelector("[data-form-title]");
    var cancel = form.querySelector("[data-cancel-reply]");
    var home = document.createComment(" comment form ");
    var activeLink = null;
    form.before(home);

    function reset() {
      home.after(form);
      form.elements.parent.value = "";
      title.textContent = form.dataset.msgNew;
      cancel.hidden = true;
      if (activeLink) {
        activeLink.focus();
      }
      activeLink = null;
    }

    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[data-reply]") : null;
      if (!link) {
        return;
      }
      var item = link.closest("li.comment");
      var body = item && item.querySelector(":scope > .comment__body");
      if (!body) {
        return;
      }
      event.preventDefault();
      activeLink = link;
      body.after(form);
      form.elements.parent.value = link.dataset.reply;
      // First-strong isolate: a name in another script does not reorder the words around it.
      title.textContent = format(form.dataset.msgReply, {
        name: "\u2068" + link.dataset.replyName + "\u2069",
      });
      cancel.hidden = false;
      clearErrors(form);
      updateCounter();
      form.elements.text.focus();
    });
    cancel.addEventListener("click", reset);
  }

  function setUpPosting(form, updateCounter) {
    form.addEventListener("submit", function (event) {
      if (!window.fetch || !window.FormData) {
        return;
      }
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.json().then(function (data) {
            return { ok: response.ok, data: data };
          });
        })
        .then(function (result) {
          var data = result.data || {};
          if (data.token) {
            form.elements.token.value = data.token;
          }
          if (!result.ok) {
            showErrors(form, data.errors || {});
            return;
          }
          clearErrors(form);
          showStatus(form, data);
          if (data.comment_html) {
            insertComment(data);
          }
          if (data.count_heading) {
            var heading = document.getElementById("comments-heading");
            if (heading) {
              heading.textContent = data.count_heading;
            }
          }
          form.elements.text.value = "";
          updateCounter();
        })
        .catch(function () {
          showErrors(form, { __all__: [form.dataset.msgFailed] });
        })
        .then(function () {
          button.disabled = false;
        });
    });
  }

  function setUp(form) {
    var updateCounter = setUpCounter(form);
    refreshToken(form);
    setUpPosting(form, updateCounter);
    if (form.querySelector("[data-cancel-reply]") && form.elements.parent) {
      setUpReplies(form, updateCounter);
    }
  }

  document.querySelectorAll("form[data-comment-form]").forEach(setUp);
})();
