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

  function chosen(select, value) {
    return value !== null && Array.prototype.some.call(select.options, function (o) { return o.value === value; });
  }

  /* "Compare levels": show two chosen levels, or every level; without JS
     every level shows. A link to one topic's row shows it at every level. */
  function enhanceLevelCompare(page) {
    var form = page.querySelector(".level-picker");
    if (!form) return;
    var a = form.elements.a, b = form.elements.b;
    var params = new URLSearchParams(location.search);
    if (chosen(a, params.get("a"))) a.value = params.get("a");
    else if (location.hash.length > 1) a.value = "all";
    if (chosen(b, params.get("b"))) b.value = params.get("b");
    function apply() {
      var all = a.value === "all";
      b.disabled = all;
      page.querySelectorAll(".level-table [data-level]").forEach(function (cell) {
        var level = cell.getAttribute("data-level");
        cell.hidden = !all && level !== a.value && level !== b.value;
      });
      var query = "?a=" + encodeURIComponent(a.value) + (all ? "" : "&b=" + encodeURIComponent(b.value));
      history.replaceState(null, "", query + location.hash);
    }
    form.hidden = false;
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  }

  /* Role matrix: pick one role, or two to compare, and read them as a list
     that fits a phone; the rest of the matrix steps aside. On a narrow screen
     one role is picked to start with. */
  function enhanceRoleMatrix(page) {
    var form = page.querySelector(".role-picker");
    var table = page.querySelector(".matrix");
    if (!form || !table) return;
    var a = form.elements.a, b = form.elements.b;
    var ids = Array.prototype.slice.call(a.options, 1).map(function (o) { return o.value; });
    var params = new URLSearchParams(location.search);
    if (chosen(a, params.get("a"))) a.value = params.get("a");
    else if (window.matchMedia("(max-width: 47.99rem)").matches) a.value = ids[0];
    if (chosen(b, params.get("b"))) b.value = params.get("b");
    function apply(write) {
      var keep = a.value ? [a.value, b.value] : ids;
      var shown = ids.filter(function (id) { return keep.indexOf(id) !== -1; }).length;
      b.disabled = !a.value;
      table.querySelectorAll("tr").forEach(function (row) {
        var cells = row.children;
        if (cells.length === 1) { cells[0].colSpan = shown + 1; return; }  /* a category's row */
        ids.forEach(function (id, i) { if (cells[i + 1]) cells[i + 1].hidden = keep.indexOf(id) === -1; });
      });
      table.classList.toggle("matrix--picked", shown < ids.length);
      if (write) {
        var query = a.value ? "?a=" + encodeURIComponent(a.value) + (b.value ? "&b=" + encodeURIComponent(b.value) : "") : "";
        history.replaceState(null, "", location.pathname + query + location.hash);
      }
    }
    form.hidden = false;
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply(false);
  }

  /* Search: Pagefind, loaded on first use, over one index of every language
     of the site (a large site's index comes in parts, which its entry file
     names and Pagefind merges). Each result links to the element (criterion,
     topic, role) nearest before the first matching word; a role that several
     frameworks share is one result; "Show more" adds the next results. */
  function enhanceSearch(form) {
    var input = form.querySelector(".search__input");
    var panel = form.querySelector(".search__results");
    var root = new URL(form.getAttribute("data-root"), location.href);
    var text = function (name) { return form.getAttribute("data-" + name) || ""; };
    var PAGE = 8;
    var loading = null, latest = 0, state = null;

    function load() {
      if (!loading) {
        var script = new URL(form.getAttribute("data-search"), location.href);
        loading = import(script.href).then(function (pagefind) {
          return Promise.resolve(pagefind.options({ baseUrl: root.pathname }))
            .then(function () { return fetch(new URL("pagefind-entry.json", script)).then(function (r) { return r.json(); }); })
            .then(function (entry) {
              return Promise.all((entry.ladder_parts || []).map(function (part) {
                return pagefind.mergeIndex(new URL(part, script).pathname, { baseUrl: root.pathname });
              }));
            })
            .then(function () { return pagefind; });
        });
      }
      return loading;
    }
    function close() { panel.hidden = true; panel.textContent = ""; state = null; }
    function message(words) {
      panel.textContent = "";
      var p = document.createElement("p");
      p.className = "search__message";
      p.textContent = words;
      panel.appendChild(p);
      panel.hidden = false;
    }
    function deepLink(data) {
      var first = data.locations.length ? Math.min.apply(null, data.locations) : 0;
      var best = null;
      (data.anchors || []).forEach(function (anchor) {
        if (anchor.location <= first && (!best || anchor.location >= best.location)) best = anchor;
      });
      return best ? data.url + "#" + best.id : data.url;
    }
    function element(tag, className, content) {
      var node = document.createElement(tag);
      if (className) node.className = className;
      if (content) node.textContent = content;
      return node;
    }
    /* Results in rank order; a role whose title an earlier role result has
       (the same role in another framework) joins that result. */
    function grouped(items) {
      var found = [], roles = {};
      items.forEach(function (data) {
        var meta = data.meta || {};
        var key = meta.kind === "role" ? (meta.title || "").trim().toLowerCase() : "";
        if (key && roles[key]) { roles[key].also.push(data); return; }
        var entry = { data: data, also: [] };
        if (key) roles[key] = entry;
        found.push(entry);
      });
      return found;
    }
    function result(entry) {
      var data = entry.data, meta = data.meta || {};
      var li = element("li", "search__item");
      var a = element("a", "search__result");
      a.href = deepLink(data);
      a.appendChild(element("span", "search__title", meta.title || data.url));
      var where = [meta.kind === "role" ? text("role") : "", meta.framework || ""].filter(Boolean).join(" · ");
      if (where) a.appendChild(element("span", "search__where", where));
      var excerpt = element("span", "search__excerpt");
      /* Pagefind escapes page text; keep only its <mark> tags. */
      excerpt.innerHTML = (data.excerpt || "").replace(/<(?!\/?mark>)[^>]*>/g, "");
      a.appendChild(excerpt);
      li.appendChild(a);
      if (entry.also.length) {
        var also = element("p", "search__also", text("also-in") + " ");
        entry.also.forEach(function (other, i) {
          var link = element("a", "", (other.meta && other.meta.framework) || other.url);
          link.href = other.url;
          if (i) also.appendChild(document.createTextNode(" · "));
          also.appendChild(link);
        });
        li.appendChild(also);
      }
      return li;
    }
    function render(focusFrom) {
      panel.textContent = "";
      var entries = grouped(state.items);
      var list = element("ul");
      entries.forEach(function (entry) { list.appendChild(result(entry)); });
      panel.appendChild(list);
      var total = state.results.length;
      panel.appendChild(element("p", "search__count",
        text("count").replace("{shown}", String(state.items.length)).replace("{total}", String(total))));
      if (state.items.length < total) {
        var more = element("button", "search__more", text("more"));
        more.type = "button";
        more.addEventListener("click", function () { next(state, entries.length); });
        panel.appendChild(more);
      }
      panel.hidden = false;
      if (focusFrom !== undefined) {
        var links = panel.querySelectorAll(".search__result");
        (links[focusFrom] || links[links.length - 1]).focus();
      }
    }
    function next(current, focusFrom) {
      var slice = current.results.slice(current.items.length, current.items.length + PAGE);
      return Promise.all(slice.map(function (r) { return r.data(); })).then(function (items) {
        if (current !== state) return;
        current.items = current.items.concat(items);
        render(focusFrom);
      });
    }
    function run() {
      var query = input.value.trim();
      var ticket = ++latest;
      if (!query) { close(); return; }
      load().then(function (pagefind) { return pagefind.search(query); })
        .then(function (search) {
          if (ticket !== latest) return;
          if (!search.results.length) { state = null; message(text("none").replace("{query}", query)); return; }
          state = { results: search.results, items: [] };
          return next(state);
        })
        .catch(function () { if (ticket === latest) message(text("offline")); });
    }
    var timer = null;
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 120); });
    input.addEventListener("focus", function () { load().catch(function () {}); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run();
    });
    form.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(panel.querySelectorAll("a, button"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "Escape") { close(); input.focus(); }
      else if (event.key === "ArrowDown" && links.length) { event.preventDefault(); links[Math.min(at + 1, links.length - 1)].focus(); }
      else if (event.key === "ArrowUp" && at >= 0) { event.preventDefault(); (at === 0 ? input : links[at - 1]).focus(); }
    });
    document.addEventListener("click", function (event) { if (!form.contains(event.target)) close(); });
  }

  /* A "#" link to copy appears beside a criterion under a mouse pointer (not
     a finger: a tap would leave it behind). Pages carry none, which keeps them
     small: every criterion keeps its id. */
  function addPermalinks() {
    var label = document.body.getAttribute("data-link-label") || "Link";
    document.addEventListener("pointerover", function (event) {
      if (event.pointerType !== "mouse") return;
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
    document.querySelectorAll("[data-role-matrix]").forEach(enhanceRoleMatrix);
    document.querySelectorAll(".toc").forEach(markCurrentSection);
    document.querySelectorAll("[data-assessment]").forEach(offerAssessment);
    openDetailsForPrint();
  });
})();
