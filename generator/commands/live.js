/* Added by `ladder serve` to served pages only: reload on rebuild, show errors. */
(function () {
  "use strict";
  var built = "__BUILD__", events = "__EVENTS__", notFound = "__PAGE__" === "404";
  var scrollKey = "ladder-scroll:" + location.pathname + location.search;
  var saved = sessionStorage.getItem(scrollKey);
  if (saved !== null) {
    sessionStorage.removeItem(scrollKey);
    var restore = function () { window.scrollTo(0, parseFloat(saved)); };
    if (document.readyState === "complete") restore(); else window.addEventListener("load", restore);
  }

  var overlay = null;
  function el(tag, text, css) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (css) node.style.cssText = css;
    return node;
  }
  function showErrors(errors) {
    hideErrors();
    overlay = el("div", null, "position:fixed;inset:auto 0 0 0;max-height:70vh;overflow:auto;z-index:2147483647;" +
      "background:#1b1d23;color:#f3f4f6;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;" +
      "border-top:4px solid #e5484d;padding:12px 16px;box-shadow:0 -4px 24px rgba(0,0,0,.4)");
    overlay.id = "ladder-errors";
    overlay.setAttribute("role", "alert");
    var head = el("p", errors.length + (errors.length === 1 ? " error" : " errors") +
      " in the content. The page below is the last good build; it updates as soon as the errors are fixed.",
      "margin:0 0 8px;font-weight:700;color:#ff9592");
    overlay.appendChild(head);
    errors.forEach(function (e) {
      var where = e.file + (e.line ? ":" + e.line + (e.column ? ":" + e.column : "") : "");
      var item = el("div", null, "margin:8px 0 12px");
      item.appendChild(el("div", where + ": " + (e.key ? e.key + ": " : "") + e.message, "white-space:pre-wrap"));
      if (e.excerpt && e.excerpt.length) {
        var pre = el("pre", null, "margin:6px 0 0;padding:6px 8px;background:#111318;border-radius:6px;overflow:auto");
        e.excerpt.forEach(function (row) {
          var mark = row[0] === e.line;
          var line = el("div", (mark ? "> " : "  ") + row[0] + " | " + row[1],
            mark ? "background:#4a1d1f;color:#fff" : "color:#b4b8c2");
          if (mark) line.className = "ladder-error-line";
          pre.appendChild(line);
        });
        item.appendChild(pre);
      }
      overlay.appendChild(item);
    });
    document.body.appendChild(overlay);
  }
  function hideErrors() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  var source = null;
  function connect() {
    if (source || document.hidden) return;
    source = new EventSource(events + "?since=" + encodeURIComponent(built));
    source.addEventListener("build", function (message) {
      var state = JSON.parse(message.data);
      if (state.errors.length) { showErrors(state.errors); return; }
      hideErrors();
      if (!state.id || state.id === built) return;
      var here = location.pathname.replace(/index\.html$/, "");
      if (notFound || !state.changed || state.changed.indexOf(here) !== -1) {
        sessionStorage.setItem(scrollKey, String(window.scrollY));
        location.reload();
      } else {
        built = state.id;  /* this page did not change */
      }
    });
  }
  function disconnect() {
    if (source) { source.close(); source = null; }
  }
  /* Stop listening while the tab is hidden; catch up when it is shown. The
     browser reconnects by itself when the server restarts. */
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) disconnect(); else connect();
  });
  connect();
})();
