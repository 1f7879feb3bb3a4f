/* The page editor's plain text fields take the direction of their text (dir="auto"), as the
   rich text editor's paragraphs already do. Fields that set a direction keep it. */
(function () {
  "use strict";

  var FIELDS = 'input[type="text"]:not([dir]), textarea:not([dir])';

  function follow(root) {
    if (root.matches && root.matches(FIELDS)) {
      root.setAttribute("dir", "auto");
    }
    if (root.querySelectorAll) {
      root.querySelectorAll(FIELDS).forEach(function (field) {
        field.setAttribute("dir", "auto");
      });
    }
  }

  function start() {
    follow(document);
    // StreamField and inline panels add fields after the page has loaded.
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(follow);
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
