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

    /* While a self-assessment is open, the address's fragment holds it. */
    function remember(index) {
      if (!document.documentElement.hasAttribute("data-assessing")) history.replaceState(null, "", "#" + panels[index].id);
    }

    links.forEach(function (a, i) {
      a.addEventListener("click", function (event) {
        event.preventDefault();
        select(i, false);
        remember(i);
      });
      a.addEventListener("keydown", function (event) {
        var next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: links.length - 1 }[event.key];
        if (next === undefined) return;
        event.preventDefault();
        next = (next + links.length) % links.length;
        select(next, true);
        remember(next);
      });
    });

    window.addEventListener("hashchange", function () { follow(location.hash, true); });
    document.addEventListener("ladder:reveal", function (event) { follow("#" + event.detail, false); });
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

  /* Search: Pagefind, loaded on first use. Each result links to the element
     (criterion, topic, role) nearest before the first matching word. */
  function enhanceSearch(form) {
    var input = form.querySelector(".search__input");
    var panel = form.querySelector(".search__results");
    var root = new URL(form.getAttribute("data-root"), location.href);
    var loading = null, latest = 0;

    function load() {
      if (!loading) {
        loading = import(new URL(form.getAttribute("data-search"), location.href).href).then(function (pagefind) {
          return Promise.resolve(pagefind.options({ baseUrl: root.pathname })).then(function () { return pagefind; });
        });
      }
      return loading;
    }
    function close() { panel.hidden = true; panel.textContent = ""; }
    function message(text) {
      panel.textContent = "";
      var p = document.createElement("p");
      p.className = "search__message";
      p.textContent = text;
      panel.appendChild(p);
      panel.hidden = false;
    }
    function deepLink(data) {
      var first = data.locations.length ? Math.min.apply(null, data.locations) : 0;
      var best = null;
      (data.anchors || []).forEach(function (anchor) {
        if (anchor.location <= first && (!best || anchor.location >= best.location)) best = anchor;
      });
      return best ? { url: data.url + "#" + best.id, text: best.text || "" } : { url: data.url, text: "" };
    }
    function show(query, items) {
      panel.textContent = "";
      if (!items.length) { message(form.getAttribute("data-none").replace("{query}", query)); return; }
      var list = document.createElement("ul");
      items.forEach(function (data) {
        var link = deepLink(data);
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = link.url;
        a.className = "search__result";
        var title = document.createElement("span");
        title.className = "search__title";
        title.textContent = (data.meta && data.meta.title) || data.url;
        a.appendChild(title);
        var excerpt = document.createElement("span");
        excerpt.className = "search__excerpt";
        /* Pagefind escapes page text; keep only its <mark> tags. */
        excerpt.innerHTML = (data.excerpt || "").replace(/<(?!\/?mark>)[^>]*>/g, "");
        a.appendChild(excerpt);
        li.appendChild(a);
        list.appendChild(li);
      });
      panel.appendChild(list);
      panel.hidden = false;
    }
    function run() {
      var query = input.value.trim();
      var ticket = ++latest;
      if (!query) { close(); return; }
      load().then(function (pagefind) { return pagefind.search(query); })
        .then(function (search) {
          return Promise.all(search.results.slice(0, 8).map(function (r) { return r.data(); }));
        })
        .then(function (items) { if (ticket === latest) show(query, items); })
        .catch(function () { if (ticket === latest) message(form.getAttribute("data-offline")); });
    }
    var timer = null;
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 120); });
    input.addEventListener("focus", function () { load().catch(function () {}); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run();
    });
    form.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(panel.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "Escape") { close(); input.focus(); }
      else if (event.key === "ArrowDown" && links.length) { event.preventDefault(); links[Math.min(at + 1, links.length - 1)].focus(); }
      else if (event.key === "ArrowUp" && at >= 0) { event.preventDefault(); (at === 0 ? input : links[at - 1]).focus(); }
    });
    document.addEventListener("click", function (event) { if (!form.contains(event.target)) close(); });
  }

  /* A "#" link to copy appears beside a criterion under the pointer. Pages
     carry none, which keeps them small: every criterion keeps its id. */
  function addPermalinks() {
    var label = document.body.getAttribute("data-link-label") || "Link";
    document.addEventListener("mouseover", function (event) {
      var item = event.target.closest && event.target.closest("li.criterion[id]");
      if (!item || item.querySelector(":scope > p > .anchor")) return;
      var text = item.querySelector(":scope > p");
      if (!text) return;
      var link = document.createElement("a");
      link.className = "anchor";
      link.href = "#" + item.id;
      link.setAttribute("aria-label", label);
      link.textContent = "#";
      text.appendChild(document.createTextNode(" "));
      text.appendChild(link);
    });
  }

  /* "Suggest a change" under each criterion, when the site names its
     repository: a new GitHub issue with the framework, topic, level, the
     criterion's text and a link back filled in. <body> carries the texts and
     each list its topic and level, so a page need not hold one long address
     per criterion (see generator/rendering/suggest.py, whose `fill` this follows). */
  function addSuggestLinks() {
    var data = document.body.dataset;
    if (!data.suggest) return;
    function fill(template, values) {
      return template.split("\n").filter(function (line) {
        return !Object.keys(values).some(function (name) { return !values[name] && line.indexOf("{" + name + "}") !== -1; });
      }).join("\n").replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
    }
    document.querySelectorAll("ul[data-topic] > li.criterion[id]").forEach(function (item) {
      var list = item.parentNode, text = item.querySelector(":scope > p");
      if (!text) return;
      var copy = text.cloneNode(true);
      copy.querySelectorAll(".badge, .anchor").forEach(function (extra) { extra.remove(); });
      var level = list.getAttribute("data-level") || "";
      var values = {
        where: [data.suggestFramework, list.getAttribute("data-topic"), level].filter(Boolean).join(" \u203a "),
        framework: data.suggestFramework, topic: list.getAttribute("data-topic"), level: level,
        criterion: copy.textContent.replace(/\s+/g, " ").trim(), link: data.suggestLink + "#" + item.id
      };
      var link = document.createElement("a");
      link.className = "suggest";
      link.href = data.suggest + "?title=" + encodeURIComponent(fill(data.suggestTitle, values)) +
        "&body=" + encodeURIComponent(fill(data.suggestBody, values));
      link.textContent = data.suggestLabel;
      text.appendChild(document.createTextNode(" "));
      text.appendChild(link);
    });
  }

  /* The self-assessment: shown only with JavaScript, and its script (with
     its style sheet and the framework's data) loaded only when it is opened,
     or when the address or this browser already holds an assessment. */
  function offerAssessment(box) {
    var key = "ladder-assessment:" + box.getAttribute("data-framework");
    var kept = false;
    try { kept = !!localStorage.getItem(key) && !localStorage.getItem(key + ":closed"); } catch (e) { kept = false; }
    box.hidden = false;
    function load(byHand) {
      if (box.hasAttribute("data-loading")) return;
      box.setAttribute("data-loading", "");
      if (byHand) box.setAttribute("data-opened-by-hand", "");
      var script = document.createElement("script");
      script.src = box.getAttribute("data-script");
      document.head.appendChild(script);
    }
    box.querySelector("[data-assessment-open]").addEventListener("click", function () { load(true); });
    if (/^#a=/.test(location.hash) || kept) load(false);
  }

  document.addEventListener("DOMContentLoaded", function () {
    addSuggestLinks();
    addPermalinks();
    document.querySelectorAll("form.search").forEach(enhanceSearch);
    document.querySelectorAll(".level-tabs").forEach(enhanceTabs);
    document.querySelectorAll("[data-level-compare]").forEach(enhanceLevelCompare);
    document.querySelectorAll(".toc").forEach(markCurrentSection);
    document.querySelectorAll("[data-assessment]").forEach(offerAssessment);
    openDetailsForPrint();
  });
})();
