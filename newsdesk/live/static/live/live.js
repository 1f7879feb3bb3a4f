// Live coverage for readers: new entries arrive without a reload, behind an "N new updates"
// button, so the page never moves under the reader. Updates come from one address per time
// window, the same for every reader (cached by the page cache and proxies); polling pauses while
// the tab is hidden, backs off after errors and stops when the coverage ends.
(function () {
  "use strict";
  var root = document.querySelector(".live[data-updates]");
  if (!root || !window.fetch) return;

  var base = root.getAttribute("data-updates");
  var windowSeconds = Number(root.getAttribute("data-window")) || 10;
  var pollSeconds = Number(root.getAttribute("data-poll")) || 10;
  var pollMax = Number(root.getAttribute("data-poll-max")) || 120;
  var since = Number(root.getAttribute("data-sequence")) || 0;
  var list = root.querySelector(".live__entries");
  var bar = root.querySelector(".live__new");
  var button = root.querySelector(".live__new-button");
  var announcer = root.querySelector(".live__announcer");
  var lang = document.documentElement.lang || "en";
  var pending = [];        // new entries not shown yet, oldest first
  var latestSummary = null; // key events and pinned entry, applied with the new entries
  var offset = 0;          // server window minus ours, learnt from the answers
  var delay = pollSeconds;
  var timer = null;
  var stopped = false;
  var reloadOnly = false;

  function parse(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  // Keep what the reader is looking at in place when content above it changes height.
  function keepingScroll(anchor, change) {
    var before = anchor.getBoundingClientRect().top;
    change();
    var after = anchor.getBoundingClientRect().top;
    if (before < 0 && after !== before) window.scrollBy(0, after - before);
  }

  // The texts come from the page in its language (live-strings, written by the server from
  // the catalogues); the count's plural category is the browser's CLDR rule for the language.
  var strings = readStrings();
  var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;

  function readStrings() {
    var element = document.getElementById("live-strings");
    try { return JSON.parse(element.textContent); } catch (error) { return null; }
  }

  function inDigits(n) {
    var digits = (strings && strings.digits) || "0123456789";
    return String(n).replace(/[0-9]/g, function (d) { return digits.charAt(Number(d)); });
  }

  function label(n) {
    if (!strings) return reloadOnly ? "\u21bb" : "+" + n;
    if (reloadOnly) return strings.reload;
    var chosen = null;
    var samples = Object.keys(strings.samples);
    if (plurals) {
      var category = plurals.select(n);
      for (var i = 0; i < samples.length && chosen === null; i++) {
        if (plurals.select(Number(samples[i])) === category) chosen = samples[i];
      }
    }
    if (chosen === null) chosen = n === 1 ? "1" : "2";
    return strings.samples[chosen].replace("{n}", inDigits(n));
  }

  function showButton() {
    var n = pending.length;
    if (!n && !reloadOnly) { bar.hidden = true; return; }
    var text = label(n);
    if (button.textContent !== text) {
      button.textContent = text;
      announcer.textContent = text; // polite: read when the reader's screen reader is idle
    }
    bar.hidden = false;
  }

  function applySummary() {
    if (!latestSummary) return;
    var nav = document.querySelector(".live__key-events-list");
    if (nav && latestSummary.key_events) {
      var items = latestSummary.key_events.map(function (event) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = "#" + event.anchor;
        var time = document.createElement("time");
        time.dateTime = event.posted_at;
        var d = new Date(event.posted_at);
        time.textContent = ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2);
        a.appendChild(time);
        a.appendChild(document.createTextNode(" " + event.title));
        li.appendChild(a);
        return li;
      });
      nav.replaceChildren.apply(nav, items);
      nav.closest(".live__key-events").hidden = items.length === 0;
    }
    var box = document.querySelector(".live__pinned");
    if (box) {
      var old = box.querySelector(".live-entry");
      if (latestSummary.pinned) {
        var fresh = parse(latestSummary.pinned.html);
        if (old) old.replaceWith(fresh); else box.appendChild(fresh);
        box.hidden = false;
      } else if (old) {
        old.remove();
        box.hidden = true;
      }
    }
  }

  function showPending() {
    if (reloadOnly) { window.location.reload(); return; }
    var first = list.firstElementChild;
    var empty = list.querySelector(".live__empty");
    keepingScroll(bar, function () {
      // Oldest first, each put on top: the newest ends first, as on the server's page.
      pending.forEach(function (change) {
        var node = parse(change.html);
        list.insertBefore(node, list.firstElementChild);
      });
      if (empty) empty.remove();
      applySummary();
    });
    pending = [];
    showButton();
    var newest = list.firstElementChild;
    if (newest && newest !== first) {
      newest.setAttribute("tabindex", "-1");
      newest.focus({ preventScroll: true });
    }
  }

  function apply(data) {
    if (data.complete_after && since < data.complete_after) {
      reloadOnly = true; // more changed than one answer holds: the page reloads instead
      since = data.sequence;
      showButton();
      return;
    }
    data.entries.forEach(function (change) {
      if (change.sequence <= since) return;
      var shown = list.querySelector('[data-entry="' + change.id + '"]');
      var waiting = pending.findIndex(function (p) { return p.id === change.id; });
      if (waiting >= 0) {
        pending[waiting] = change;
      } else if (shown) {
        // A correction or withdrawal of an entry on screen: changed where it is.
        keepingScroll(shown, function () { shown.replaceWith(parse(change.html)); });
      } else if (change.state === "posted") {
        pending.push(change);
      }
    });
    pending = pending.filter(function (p) { return p.state === "posted"; });
    latestSummary = { key_events: data.key_events, pinned: data.pinned };
    if (!pending.length) {
      var box = document.querySelector(".live__pinned");
      var top = box || document.querySelector(".live__key-events") || bar;
      keepingScroll(top, applySummary);
    }
    since = Math.max(since, data.sequence);
    showButton();
  }

  function currentWindow() {
    return Math.floor(Date.now() / 1000 / windowSeconds) + offset;
  }

  function schedule(seconds) {
    window.clearTimeout(timer);
    if (stopped || document.hidden) return;
    timer = window.setTimeout(poll, seconds * 1000);
  }

  function poll() {
    if (stopped || document.hidden) return;
    var asked = currentWindow();
    fetch(base + asked + "/", { credentials: "omit", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      })
      .then(function (answer) {
        var data = answer.data;
        if (typeof data.window === "number" && Math.abs(data.window - asked) > 1) {
          offset += data.window - asked; // our clock is off: use the server's windows
        }
        if (!answer.ok) throw new Error("updates " + data.error);
        apply(data);
        if (data.status === "ended") {
          stopped = true;
          return;
        }
        delay = data.status === "paused" ? pollMax : pollSeconds;
        schedule(delay);
      })
      .catch(function () {
        delay = Math.min(delay * 2, pollMax); // back off while the site is struggling
        schedule(delay);
      });
  }

  button.addEventListener("click", showPending);
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) window.clearTimeout(timer);
    else schedule(0);
  });
  schedule(pollSeconds);
})();
