/* Reader settings for older readers (适老化): font size 大/中/小 and a high-contrast mode.
   Loaded in <head> without defer so a saved choice applies before the page is drawn (no
   flash of the default). The settings persist in localStorage; without JavaScript the
   buttons stay hidden and the page keeps its default, fully readable look. */
(function () {
  "use strict";
  var root = document.documentElement;
  var FONT_KEY = "cbc-font", CONTRAST_KEY = "cbc-contrast";
  /* The controls need this script: site.css shows them under html.js only. Set here, in <head>,
     before anything is drawn, so they are in place at the first paint (no layout shift). */
  root.classList.add("js");

  function load(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }  /* storage may be blocked */
  }
  function save(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* keep working without persistence */ }
  }
  function applyFont(size) {
    root.classList.remove("font-s", "font-l");
    if (size === "s" || size === "l") { root.classList.add("font-" + size); }
  }
  function applyContrast(on) { root.classList.toggle("contrast", on); }

  applyFont(load(FONT_KEY) || "m");
  applyContrast(load(CONTRAST_KEY) === "1");

  function sync(tools) {
    var size = load(FONT_KEY) || "m";
    tools.querySelectorAll("[data-font]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-font") === size));
    });
    tools.querySelector("[data-contrast]").setAttribute("aria-pressed", String(root.classList.contains("contrast")));
  }

  function wire() {
    var tools = document.getElementById("reader-tools");
    if (tools) {
      tools.addEventListener("click", function (event) {
        var button = event.target.closest("button");
        if (!button) { return; }
        if (button.hasAttribute("data-font")) {
          save(FONT_KEY, button.getAttribute("data-font"));
          applyFont(button.getAttribute("data-font"));
        } else if (button.hasAttribute("data-contrast")) {
          var on = !root.classList.contains("contrast");
          save(CONTRAST_KEY, on ? "1" : "0");
          applyContrast(on);
        }
        sync(tools);
      });
      sync(tools);
    }
    document.querySelectorAll(".page-tools").forEach(function (p) {
      p.addEventListener("click", function (event) {
        if (event.target.closest("[data-print]")) { window.print(); }
      });
    });
  }
  /* The 404 page may load this script late, once it has found where the site is. */
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", wire); } else { wire(); }
}());
