/* Reader settings on the handbook read on a screen (issue 15): 字号 大/中/小 and 高对比度, the same
   controls and the same saved choice (localStorage) as the website's static/reader.js. Inlined in
   <head> by document.html: the saved choice applies before the first paint. Without JavaScript
   there are no controls and the default, readable look. The bar is .screen-only (print.css hides
   it in print) and is not in the PDFs (WeasyPrint runs no script). */
(function () {
  "use strict";
  var root = document.documentElement;
  var FONT_KEY = "cbc-font", CONTRAST_KEY = "cbc-contrast";
  function load(key) { try { return window.localStorage.getItem(key); } catch (e) { return null; } }
  function save(key, value) { try { window.localStorage.setItem(key, value); } catch (e) { /* no storage */ } }
  function apply() {
    var size = load(FONT_KEY) || "m";
    root.classList.remove("font-s", "font-l");
    if (size === "s" || size === "l") { root.classList.add("font-" + size); }
    root.classList.toggle("contrast", load(CONTRAST_KEY) === "1");
  }
  apply();
  root.classList.add("js");

  function button(text, attr, value) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.setAttribute(attr, value);
    b.setAttribute("aria-pressed", "false");
    return b;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var bar = document.createElement("aside");
    bar.className = "reader-tools screen-only";
    bar.setAttribute("aria-label", "阅读设置");
    var label = document.createElement("span");
    label.id = "font-label";
    label.textContent = "字号";
    var group = document.createElement("span");
    group.setAttribute("role", "group");
    group.setAttribute("aria-labelledby", "font-label");
    [["大", "l"], ["中", "m"], ["小", "s"]].forEach(function (f) { group.appendChild(button(f[0], "data-font", f[1])); });
    bar.appendChild(label);
    bar.appendChild(group);
    bar.appendChild(button("高对比度", "data-contrast", ""));
    function sync() {
      var size = load(FONT_KEY) || "m";
      bar.querySelectorAll("[data-font]").forEach(function (b) {
        b.setAttribute("aria-pressed", String(b.getAttribute("data-font") === size));
      });
      bar.querySelector("[data-contrast]").setAttribute("aria-pressed", String(root.classList.contains("contrast")));
    }
    bar.addEventListener("click", function (event) {
      var b = event.target.closest("button");
      if (!b) { return; }
      if (b.hasAttribute("data-font")) {
        save(FONT_KEY, b.getAttribute("data-font"));
      } else {
        save(CONTRAST_KEY, root.classList.contains("contrast") ? "0" : "1");
      }
      apply();
      sync();
    });
    sync();
    document.body.insertBefore(bar, document.body.firstChild);
    // A table wider than a phone scrolls in its own box (_screen.css): a keyboard must reach it.
    function reachable() {
      document.querySelectorAll("table").forEach(function (t) {
        if (t.scrollWidth > t.clientWidth + 1) { t.setAttribute("tabindex", "0"); } else { t.removeAttribute("tabindex"); }
      });
    }
    reachable();
    window.addEventListener("resize", reachable);
  });
}());
