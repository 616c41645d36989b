/* Ladder: progressive enhancement only. Without this file every page works:
   level tabs are in-page links, examples are <details>. */
(function () {
  "use strict";

  function enhanceTabs(nav) {
    var links = Array.prototype.slice.call(nav.querySelectorAll("a[data-level]"));
    var panels = links.map(function (a) { return document.getElementById(a.getAttribute("data-level")); });
    if (links.length < 2 || panels.indexOf(null) !== -1) return null;

    nav.querySelector("ul").setAttribute("role", "tablist");
    links.forEach(function (a, i) {
      a.setAttribute("role", "tab");
      a.id = "tab-" + panels[i].id;
      a.setAttribute("aria-controls", panels[i].id);
      a.parentNode.setAttribute("role", "presentation");
      panels[i].setAttribute("role", "tabpanel");
    });

    function select(index, focus) {
      links.forEach(function (a, i) {
        var on = i === index;
        a.setAttribute("aria-selected", on ? "true" : "false");
        a.tabIndex = on ? 0 : -1;
        panels[i].hidden = !on;
      });
      if (focus) links[index].focus();
    }

    function panelOf(id) {
      var target = id && document.getElementById(id);
      if (!target) return -1;
      for (var i = 0; i < panels.length; i++) {
        if (panels[i] === target || panels[i].contains(target)) return i;
      }
      return -1;
    }

    function follow(hash, scroll) {
      var id = decodeURIComponent((hash || "").replace(/^#/, ""));
      var index = panelOf(id);
      if (index === -1) return false;
      select(index, false);
      var target = document.getElementById(id);
      if (scroll && target && target !== panels[index]) target.scrollIntoView();
      return true;
    }

    links.forEach(function (a, i) {
      a.addEventListener("click", function (event) {
        event.preventDefault();
        select(i, false);
        history.replaceState(null, "", "#" + panels[i].id);
      });
      a.addEventListener("keydown", function (event) {
        var next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: links.length - 1 }[event.key];
        if (next === undefined) return;
        event.preventDefault();
        next = (next + links.length) % links.length;
        select(next, true);
        history.replaceState(null, "", "#" + panels[next].id);
      });
    });

    window.addEventListener("hashchange", function () { follow(location.hash, true); });
    if (!follow(location.hash, true)) select(0, false);
    return { showAll: function () { panels.forEach(function (p) { p.hidden = false; }); } };
  }

  function markCurrentSection(toc) {
    var links = Array.prototype.slice.call(toc.querySelectorAll('a[href^="#"]'));
    function update() {
      var id = location.hash.replace(/^#/, "");
      links.forEach(function (a) {
        var on = a.getAttribute("href") === "#" + id ||
          (id && id.indexOf(a.getAttribute("href").slice(1) + "-") === 0);
        if (on) a.setAttribute("aria-current", "true"); else a.removeAttribute("aria-current");
      });
    }
    window.addEventListener("hashchange", update);
    update();
  }

  function openDetailsForPrint() {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details:not([open])").forEach(function (d) { d.open = true; opened.push(d); });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (d) { d.open = false; });
      opened = [];
    });
  }

  /* "Compare levels": show two chosen levels; without JS every level shows. */
  function enhanceLevelCompare(page) {
    var form = page.querySelector(".level-picker");
    if (!form) return;
    var params = new URLSearchParams(location.search);
    ["a", "b"].forEach(function (name) {
      var wanted = params.get(name);
      if (wanted && form.elements[name].querySelector('option[value="' + wanted + '"]')) form.elements[name].value = wanted;
    });
    function apply() {
      var keep = [form.elements.a.value, form.elements.b.value];
      page.querySelectorAll("[data-level]").forEach(function (cell) {
        cell.hidden = keep.indexOf(cell.getAttribute("data-level")) === -1;
      });
      var query = "?a=" + encodeURIComponent(keep[0]) + "&b=" + encodeURIComponent(keep[1]);
      history.replaceState(null, "", query + location.hash);
    }
    form.hidden = false;
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".level-tabs").forEach(enhanceTabs);
    document.querySelectorAll("[data-level-compare]").forEach(enhanceLevelCompare);
    document.querySelectorAll(".toc").forEach(markCurrentSection);
    openDetailsForPrint();
  });
})();
