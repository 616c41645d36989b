/* Ladder's self-assessment, loaded only when a reader opens it (ladder.js
   adds this script on demand). It reads the framework's own JSON file (the
   site's export), marks criteria where the page shows them, and keeps the
   marks in the address's fragment and in this browser's localStorage: no
   request carries them anywhere. Its words come from the site's file of them
   in the page's language (made from the theme's i18n files, and named by the
   page), so Spanish pages speak Spanish.

   Marks are stored with the criterion's id and a short hash of its text, so
   an edit elsewhere in the framework keeps them; a mark whose text changed
   follows the same text within its topic, and is otherwise reported, never
   dropped. The file format is `ladder-assessment.schema.json`; `problemOf`
   checks the same rules by hand, since no library is loaded. */
(() => {
  "use strict";

  const box = document.querySelector("[data-assessment]");
  if (!box || box.dataset.started) return;
  box.dataset.started = "1";

  const FORMAT = "ladder-assessment", VERSION = 1, MAX_FILE = 2 * 1024 * 1024;
  const MARKS = ["not-yet", "sometimes", "consistently"];
  const DONE = "consistently";
  const data = box.dataset;
  let strings = { assess_loading: data.wordLoading, assess_no_data: data.wordNoData };  // the rest once fetched
  const lang = document.documentElement.lang || "en";
  const plurals = new Intl.PluralRules(lang);
  const storeKey = "ladder-assessment:" + data.framework;

  /* --- Words -------------------------------------------------------------- */

  function t(key, values) {
    let text = strings[key];
    if (values && typeof values.count === "number") text = strings[key + "_" + plurals.select(values.count)] || text;
    if (text === undefined) text = key;
    return values ? text.replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all)) : text;
  }
  const markWord = (mark) => (mark ? t("assess_mark_" + mark.replace("-", "_")) : t("assess_unmarked"));
  function dateWord(iso) {
    if (!iso) return "";
    const [y, m, d] = iso.split("-").map(Number);
    return new Intl.DateTimeFormat(lang, { dateStyle: "medium" }).format(new Date(y, m - 1, d));
  }
  function today() {
    const now = new Date();
    return [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
  }

  /* --- The framework, from its JSON file -------------------------------- */

  const squash = (text) => text.replace(/\s+/g, " ").trim();

  /* FNV-1a of the UTF-8 bytes of the text with its spaces squashed: eight hex digits. */
  function hashOf(text) {
    let h = 0x811c9dc5;
    for (const byte of new TextEncoder().encode(squash(text))) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
    return h.toString(16).padStart(8, "0");
  }

  /* Steps are what a topic can be at: a level, then its sublevels in order.
     `pointsBack` and `sameAs` come from the build, which decides what carries
     over between levels (generator/model/expectations.py). */
  function modelOf(document_) {
    const f = (document_.frameworks || []).find((x) => x.id === data.framework);
    if (!f) throw new Error("framework " + data.framework + " is not in its data file");
    const levelled = f.kind === "progression";
    const levels = f.levels.map((level, rank) => ({ ...level, rank }));
    const rankOf = new Map(levels.map((level) => [level.id, level.rank]));
    const stepsFound = new Map();
    const topics = [];
    const byAnchor = new Map();
    const levelWord = t("level");

    function step(level, sub) {
      const key = level.id + (sub ? sub.id + (sub.qualifier ? " (" + sub.qualifier + ")" : "") : "");
      if (!stepsFound.has(key)) {
        const name = !sub && level.name ? " · " + level.name : "";
        stepsFound.set(key, {
          key, level, sub: sub ? sub.id + "\u0000" + (sub.qualifier || "") : "",
          label: levelled ? levelWord + " " + key + name : "", tick: levelled ? level.id + (sub ? sub.id : "") : "",
        });
      }
      return stepsFound.get(key);
    }
    function topicOf(anchor, title, code, blocks) {
      const topic = { anchor, title: (code ? code + " " : "") + title, blocks: [], items: [] };
      for (const [stepFound, criteria] of blocks) {
        const block = { step: stepFound, items: [] };
        for (const c of criteria) {
          const item = { anchor: c.anchor, text: c.text, number: c.number || "", hash: hashOf(c.text),
                         topic, block, pointsBack: !!c.pointsBack, key: c.anchor };
          if (c.sameAs) item.key = c.sameAs.slice(c.sameAs.indexOf("#") + 1);  // one mark for both
          byAnchor.set(c.anchor, item);
          block.items.push(item);
          if (!item.pointsBack) topic.items.push(item);
        }
        if (block.items.length) topic.blocks.push(block);
      }
      if (topic.items.length) topics.push(topic);
    }
    for (const topic of f.topics) {
      const blocks = [];
      for (const tl of topic.levels) {
        const level = levels[rankOf.get(tl.level)];
        blocks.push([step(level, null), tl.criteria]);
        for (const sub of tl.sublevels) blocks.push([step(level, sub), sub.criteria]);
      }
      topicOf(topic.anchor, topic.title, topic.code, blocks);
    }
    if (f.knowledge && f.knowledge.length) {
      topicOf("knowledge", t("knowledge_and_understanding"), "", [[step(levels[0], null), f.knowledge]]);
    }
    const steps = [...stepsFound.values()]  // those where some topic asks something
      .filter((s) => topics.some((topic) => topic.blocks.some((b) => b.step === s)))
      .sort((a, b) => a.level.rank - b.level.rank || (a.sub < b.sub ? -1 : a.sub > b.sub ? 1 : 0));
    steps.forEach((s, index) => { s.index = index; });
    const roles = new Map((f.roles || []).map((role) => [role.id, role]));
    return { id: f.id, title: f.title, levelled, levels, steps, topics, byAnchor, roles, rankOf };
  }

  /* --- Where a person stands, and what is missing ------------------------- */

  const isDone = (marks, item) => (marks.get(item.key) || {}).mark === DONE;

  /* The index of the highest step at which every criterion of that step and
     of the steps before it is marked "consistently"; -1 when not even the
     first. Steps where a topic asks nothing are reached with the steps before
     them, so a topic that asks nothing more stands at the framework's top. */
  function standing(topic, marks) {
    for (const block of topic.blocks) {
      if (!block.items.every((item) => item.pointsBack || isDone(marks, item))) return block.step.index - 1;
    }
    return model.steps.length - 1;
  }
  function overall(marks) {
    return model.topics.length ? Math.min(...model.topics.map((topic) => standing(topic, marks))) : -1;
  }
  function counts(marks, topics) {
    const found = { done: 0, sometimes: 0, notYet: 0, total: 0 };
    const seen = new Set();
    for (const topic of topics) {
      for (const item of topic.items) {
        if (seen.has(item.key)) continue;
        seen.add(item.key);
        found.total += 1;
        const mark = (marks.get(item.key) || {}).mark;
        if (mark === DONE) found.done += 1;
        else if (mark === "sometimes") found.sometimes += 1;
        else if (mark === "not-yet") found.notYet += 1;
      }
    }
    return found;
  }
  /* The step a topic is asked to reach: the chosen one, or on a role's page
     the last step of the role's target level for that topic. */
  function targetFor(topic, target) {
    if (target !== "role") return target;
    const role = model.roles.get(data.role);
    const level = role && role.targets[topic.anchor];
    if (level === undefined) return -2;  // not required by this role
    return lastStepUpTo(model.rankOf.get(level));
  }
  /* The last step of the level of `rank` or of those below it; -1 if none asks anything. */
  function lastStepUpTo(rank) {
    return Math.max(-1, ...model.steps.filter((s) => s.level.rank <= rank).map((s) => s.index));
  }
  /* What is not yet "consistently" for `target`, by topic: each item says
     whether it is asked at the target's level or carried over from below. */
  function gap(marks, target) {
    const groups = [];
    for (const topic of model.topics) {
      const goal = targetFor(topic, target);
      if (goal < 0) continue;
      const goalRank = model.steps[goal].level.rank;
      const seen = new Set(), missing = [];
      for (const block of topic.blocks) {
        if (block.step.index > goal) break;
        for (const item of block.items) {
          if (item.pointsBack || seen.has(item.key) || isDone(marks, item)) continue;
          seen.add(item.key);
          missing.push({ item, carried: block.step.level.rank < goalRank });
        }
      }
      if (missing.length) groups.push({ topic, missing });
    }
    return groups;
  }

  /* --- Assessments: in memory, as files, in links ------------------------- */

  /* state: { name, date, target, marks: Map(key → {mark, note}), lost: [records
     that match nothing], compare: { name, date, marks, lost } | null } */
  function emptyAssessment() { return { name: "", date: "", marks: new Map(), lost: [] }; }

  function recordOf(item, value) {
    const record = { id: model.id + "#" + item.key, topic: item.topic.anchor, hash: item.hash, text: item.text };
    record.mark = value.mark || null;
    if (value.note) record.note = value.note;
    return record;
  }
  function recordsOf(assessment) {
    const records = [];
    for (const [key, value] of assessment.marks) {
      const item = model.byAnchor.get(key);
      if (item && (value.mark || value.note)) records.push(recordOf(item, value));
    }
    return records.concat(assessment.lost);
  }
  function fileOf(current) {
    const file = { format: FORMAT, version: VERSION,
                   framework: { id: model.id, title: model.title, url: new URL(data.frameworkUrl, location.href).href } };
    if (current.name) file.name = current.name;
    if (current.date) file.date = current.date;
    if (model.levelled && current.target !== null) file.target = targetKey(current.target);
    file.marks = recordsOf(current);
    if (current.compare) {
      file.compare = { marks: recordsOf(current.compare) };
      if (current.compare.name) file.compare.name = current.compare.name;
      if (current.compare.date) file.compare.date = current.compare.date;
    }
    return file;
  }
  /* Marks attach by id and text; a text that moved within its topic is
     followed there; anything else is kept in `lost` to be reported. */
  function attach(records) {
    const marks = new Map(), lost = [];
    for (const record of records) {
      const anchor = record.id.slice(record.id.indexOf("#") + 1);
      let item = model.byAnchor.get(anchor);
      if (!item || item.pointsBack || item.hash !== record.hash) {
        const topic = model.topics.find((x) => x.anchor === (record.topic || (item && item.topic.anchor)));
        item = topic && topic.items.find((x) => x.hash === record.hash);
      }
      if (item && !marks.has(item.key)) marks.set(item.key, { mark: record.mark || null, note: record.note || "" });
      else lost.push(record);  // also a second mark for one criterion: shown, not dropped
    }
    return { marks, lost };
  }
  function assessmentOf(file) {
    const { marks, lost } = attach(file.marks);
    return { name: file.name || "", date: file.date || "", marks, lost };
  }
  function stateOf(file) {
    const found = assessmentOf(file);
    found.target = targetFromKey(file.target);
    found.compare = file.compare ? assessmentOf(file.compare) : null;
    return found;
  }

  /* The hand check of the schema's rules: the first problem, in words, or "". */
  function problemOf(file) {
    const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
    const where = (path) => (path ? path + ": " : "");
    function keys(value, path, allowed, required) {
      if (!isObject(value)) return where(path) + t("assess_bad_object");
      const unknown = Object.keys(value).find((k) => !allowed.includes(k));
      if (unknown !== undefined) return where(path) + t("assess_bad_key", { key: unknown });
      const absent = required.find((k) => !(k in value));
      return absent ? where(path) + t("assess_bad_missing", { key: absent }) : "";
    }
    function text(value, path, max, pattern) {
      if (typeof value !== "string") return where(path) + t("assess_bad_text");
      if ([...value].length > max) return where(path) + t("assess_bad_long", { count: max });  // characters, as JSON Schema counts
      return pattern && !pattern.test(value) ? where(path) + t("assess_bad_pattern") : "";
    }
    function assessment(value, path, allowed) {
      let problem = keys(value, path, allowed, ["marks"]);
      if (!problem && "name" in value) problem = text(value.name, path + "name", 200);
      if (!problem && "date" in value) problem = text(value.date, path + "date", 10, /^\d{4}-\d{2}-\d{2}$/);
      if (problem) return problem;
      if (!Array.isArray(value.marks)) return path + "marks: " + t("assess_bad_list");
      if (value.marks.length > 20000) return path + "marks: " + t("assess_bad_many", { count: 20000 });
      for (let i = 0; i < value.marks.length && !problem; i++) {
        const m = value.marks[i], at = path + "marks[" + i + "]";
        problem = keys(m, at, ["id", "topic", "hash", "text", "mark", "note"], ["id", "hash"]) ||
          text(m.id, at + ".id", 500, /^[^#]+#.+$/) || text(m.hash, at + ".hash", 8, /^[0-9a-f]{8}$/) ||
          ("topic" in m ? text(m.topic, at + ".topic", 300) : "") || ("text" in m ? text(m.text, at + ".text", 5000) : "") ||
          ("note" in m ? text(m.note, at + ".note", 5000) : "") ||
          ("mark" in m && m.mark !== null && !MARKS.includes(m.mark)
            ? at + ".mark: " + t("assess_bad_choice", { choices: MARKS.join(", ") }) : "");
      }
      return problem;
    }
    if (!isObject(file) || file.format !== FORMAT) {
      return isObject(file) && file.format === "ladder-frameworks" ? t("assess_bad_framework_file") : t("assess_bad_format");
    }
    if (!Number.isInteger(file.version) || file.version < 1) return "version: " + t("assess_bad_version");
    if (file.version > VERSION) return t("assess_bad_newer");
    let problem = keys(file, "", ["format", "version", "framework", "name", "date", "target", "marks", "compare"],
                       ["format", "version", "framework", "marks"]) ||
      keys(file.framework, "framework", ["id", "title", "url"], ["id"]) || text(file.framework.id, "framework.id", 500) ||
      ("title" in file.framework ? text(file.framework.title, "framework.title", 1000) : "") ||
      ("url" in file.framework ? text(file.framework.url, "framework.url", 2000) : "") ||
      ("target" in file && file.target !== null ? text(file.target, "target", 100) : "");
    if (!problem) problem = assessment(file, "", ["format", "version", "framework", "name", "date", "target", "marks", "compare"]);
    if (!problem && "compare" in file) problem = assessment(file.compare, "compare.", ["name", "date", "marks"]);
    if (!problem && file.framework.id !== model.id) {
      return t("assess_bad_other_framework", { title: file.framework.title || file.framework.id });
    }
    return problem;
  }

  /* The fragment: "#a=" then "z" and the file deflated, or "j" and the file
     itself, in base64url. A fragment is never sent to a server. */
  function toBase64(bytes) {
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  const fromBase64 = (text) => Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (ch) => ch.charCodeAt(0));
  async function through(stream, bytes) {
    const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
    return new Uint8Array(await out.arrayBuffer());
  }
  async function fragmentOf(file) {
    const bytes = new TextEncoder().encode(JSON.stringify(file));
    if (typeof CompressionStream === "function") return "a=z" + toBase64(await through(new CompressionStream("deflate-raw"), bytes));
    return "a=j" + toBase64(bytes);
  }
  /* A link's file is held to the size of a file opened from disk: a few kilobytes of a
     link can inflate to gigabytes, so inflating stops once past it. */
  class TooLarge extends Error {}
  async function inflated(bytes) {
    const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
    const parts = [];
    for (let size = 0; ;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > MAX_FILE) { reader.cancel(); throw new TooLarge(); }
      parts.push(value);
    }
    return new Uint8Array(await new Blob(parts).arrayBuffer());
  }
  async function fileFromFragment(hash) {
    const code = hash.replace(/^#a=/, "");
    let bytes = fromBase64(code.slice(1));
    if (code[0] === "z") bytes = await inflated(bytes);
    else if (code[0] !== "j") throw new Error("unknown encoding");
    if (bytes.length > MAX_FILE) throw new TooLarge();
    return JSON.parse(new TextDecoder().decode(bytes));
  }

  function stored(key) {
    try { const text = localStorage.getItem(key); return text ? JSON.parse(text) : null; } catch (e) { return null; }
  }
  function store(key, value) {
    try { if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, JSON.stringify(value)); }
    catch (e) { /* storage full or refused: the link still holds everything */ }
  }

  /* --- Building the interface --------------------------------------------- */

  function h(tag, attributes, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === false || value === null || value === undefined) continue;
      if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
      else el.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children.flat(Infinity)) if (child !== null && child !== undefined && child !== false) el.append(child);
    return el;
  }
  const button = (label, onclick, extra) => h("button", { type: "button", class: "button button--secondary", onclick, ...extra }, label);

  let model = null, state = null, previous = null;
  const ui = {};

  function labelOf(assessment, fallback) {
    const name = assessment.name || fallback;
    return assessment.date ? t("assess_label_dated", { name, date: dateWord(assessment.date) }) : name;
  }
  const stepLabel = (index) => (index < 0 ? t("assess_not_yet_first") : model.steps[index].label);
  /* How a topic's place is named: its sublevel where it has that sublevel,
     else the level ("Level 1" for a topic that asks the same of all of level 1). */
  function topicStep(topic, index) {
    if (index < 0) return null;
    const step = model.steps[index];
    return topic.blocks.some((block) => block.step === step) ? step : model.steps.find((s) => s.level === step.level && !s.sub) || levelStep(step.level);
  }
  function levelStep(level) {
    const name = level.name ? " · " + level.name : "";
    return { label: t("level") + " " + level.id + name, tick: level.id };
  }
  const topicLabel = (topic, index) => (index < 0 ? t("assess_not_yet_first") : topicStep(topic, index).label);

  /* A link brought another assessment: the one this browser kept is set
     aside, and stays within reach until it is brought back. */
  function offerKept(kept) {
    store(storeKey + ":previous", kept);
    ui.notice.hidden = false;
    ui.notice.append(h("span", null, t("assess_from_link")), " ",
      button(t("assess_bring_back"), () => {
        store(storeKey + ":previous", null);
        ui.notice.hidden = true;
        ui.notice.textContent = "";
        restore(kept);
        say(t("assess_brought_back"));
      }), " ",
      button(t("assess_compare_kept"), () => compareWith(assessmentOf(kept))));
  }

  function say(message, actions, isError) {
    ui.status.textContent = "";
    ui.status.className = "assessment__status" + (isError ? " assessment__status--error" : "");
    if (message) ui.status.append(h("span", null, message), ...(actions || []).flatMap(([label, act]) => [" ", button(label, act)]));
  }

  /* The words of a criterion the page shows: its paragraph, or, for one a
     level's page carries over from below (its words and origin, bare in the
     item), those wrapped in a span the mark's controls can name. */
  function textOf(li) {
    const found = li.querySelector(":scope > p, :scope > .assess-text");
    if (found || li.classList.contains("criterion")) return found;
    const text = h("span", { class: "assess-text" }, ...li.childNodes);
    li.append(text);
    return text;
  }
  /* The mark controls beside each criterion the page shows: those it asks,
     and those a level's page carries over from below, which share the mark
     of the criterion they are. */
  function addControls() {
    const other = state.compare ? labelOf(state.compare, t("assess_other")) : "";
    document.querySelectorAll("li.criterion[id], .criteria--carried > li[id]").forEach((li) => {
      const item = model.byAnchor.get(li.id);
      if (!item || item.pointsBack || li.querySelector(":scope > .assess-mark")) return;
      const text = textOf(li);
      if (text && !text.id) text.id = li.id + "-text";
      const value = state.marks.get(item.key) || {};
      const choices = MARKS.map((mark) => h("label", { class: "assess-mark__choice" },
        h("input", { type: "radio", name: "mark-" + li.id, value: mark, checked: value.mark === mark,
                     onchange: () => setMark(item.key, { mark }) }), " ", markWord(mark)));
      const note = h("textarea", { rows: "2", maxlength: "5000", "aria-label": t("assess_note_label"),
                                   oninput: (event) => setMark(item.key, { note: event.target.value }, true),
                                   onchange: () => changed() });  // leaving the note keeps it at once
      note.value = value.note || "";
      const theirs = state.compare ? (state.compare.marks.get(item.key) || {}).mark : undefined;
      li.append(h("fieldset", { class: "assess-mark", "data-key": item.key, "aria-describedby": text ? text.id : null },
        h("legend", { class: "visually-hidden" }, t("assess_your_mark")),
        h("span", { class: "assess-mark__choices" }, choices),
        state.compare ? h("span", { class: "assess-mark__other" }, other + ": " + markWord(theirs)) : null,
        h("details", { class: "assess-mark__note", open: !!value.note },
          h("summary", null, t("assess_note")), note)));
    });
  }
  function removeControls() { document.querySelectorAll("fieldset.assess-mark").forEach((el) => el.remove()); }
  /* Criteria said again at a later level share one mark: keep their controls in step. */
  function syncControls(key) {
    const value = state.marks.get(key) || {};
    document.querySelectorAll('fieldset.assess-mark[data-key="' + CSS.escape(key) + '"]').forEach((fs) => {
      fs.querySelectorAll("input").forEach((input) => { input.checked = input.value === value.mark; });
      const note = fs.querySelector("textarea");
      if (note !== document.activeElement) note.value = value.note || "";
      if (value.note) note.closest("details").open = true;
    });
  }

  function setMark(key, change, typing) {
    const value = { mark: null, note: "", ...(state.marks.get(key) || {}), ...change };
    const before = model.topics.map((topic) => standing(topic, state.marks));
    if (value.mark || value.note) state.marks.set(key, value); else state.marks.delete(key);
    state.date = today();
    syncControls(key);
    changed(typing ? 600 : 0);
    if (!typing) {
      const moved = model.topics.filter((topic, i) => standing(topic, state.marks) !== before[i]);
      if (moved.length === 1 && model.levelled) {
        say(t("assess_topic_now", { topic: moved[0].title, level: topicLabel(moved[0], standing(moved[0], state.marks)) }));
      }
    }
  }

  let saveTimer = null, writing = 0;
  /* Keep the browser's copy and the address in step with the marks. */
  function changed(delay) {
    render();
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, delay || 0);
  }
  async function save() {
    const file = fileOf(state);
    const empty = !file.marks.length && !file.name && !file.compare;
    store(storeKey, empty ? null : file);
    const ticket = ++writing;
    const fragment = empty ? "" : await fragmentOf(file);
    if (ticket !== writing || !document.documentElement.hasAttribute("data-assessing")) return;
    history.replaceState(history.state, "", location.pathname + location.search + (fragment ? "#" + fragment : ""));
    ui.link.value = location.href;
  }

  /* --- The panel -------------------------------------------------------- */

  function render() {
    ui.panel.querySelectorAll("[data-needs-compare]").forEach((el) => { el.hidden = !state.compare; });
    renderLost();
    renderStanding();
    renderGap();
    renderNotes();
  }

  function renderLost() {
    ui.lost.textContent = "";
    const items = state.lost.map((record) => ({ record, whose: null }))
      .concat(state.compare ? state.compare.lost.map((record) => ({ record, whose: state.compare })) : []);
    ui.lost.hidden = !items.length;
    if (!items.length) return;
    ui.lost.append(
      h("h3", null, t("assess_lost_title", { count: items.length })),
      h("p", null, t("assess_lost_lead")),
      h("ul", { class: "assessment__lost-list" }, items.map(({ record, whose }) => {
        const now = model.byAnchor.get(record.id.slice(record.id.indexOf("#") + 1));
        const owner = whose ? state.compare : state;
        const forget = () => {
          owner.lost.splice(owner.lost.indexOf(record), 1);
          changed();
          (ui.lost.hidden ? ui.title : ui.lost).focus();
        };
        const keep = () => {
          if (!owner.marks.has(now.key)) owner.marks.set(now.key, { mark: record.mark || null, note: record.note || "" });
          forget();
          if (owner === state) syncControls(now.key);
        };
        return h("li", null,
          h("q", null, record.text || record.id),
          h("span", { class: "assessment__lost-mark" }, " · " + (whose ? labelOf(whose, t("assess_other")) + ": " : "") +
            markWord(record.mark) + (record.note ? " · " + t("assess_note") + ": " + record.note : "")),
          now && !now.pointsBack ? h("span", { class: "assessment__lost-now" }, t("assess_lost_now"), " ", h("q", null, now.text)) : null,
          h("span", { class: "assessment__lost-actions" },
            now && !now.pointsBack ? button(t("assess_lost_keep"), keep) : null, button(t("assess_lost_forget"), forget)));
      })),
      button(t("assess_lost_forget_all", { count: items.length }), () => {
        state.lost = [];
        if (state.compare) state.compare.lost = [];
        changed();
      }));
  }

  function renderStanding() {
    const marks = state.marks, theirs = state.compare && state.compare.marks;
    const c = counts(marks, model.topics);
    const summary = [t("assess_counts", { count: c.total, done: c.done, sometimes: c.sometimes, not_yet: c.notYet })];
    if (model.levelled) {
      const all = overall(marks);
      summary.unshift(all < 0 ? t("assess_overall_none", { level: model.steps[0].label }) : t("assess_overall", { level: stepLabel(all) }));
    } else {
      const met = model.topics.filter((topic) => standing(topic, marks) >= 0).length;
      summary.unshift(t("assess_groups_met", { count: model.topics.length, met }));
    }
    ui.summary.textContent = summary.join(" ");
    const rows = model.topics.map((topic) => ({
      topic,
      own: value(topic, marks),
      theirs: theirs ? value(topic, theirs) : null,
      target: model.levelled ? targetFor(topic, goal()) : null,
    }));
    drawChart(rows);
    ui.table.textContent = "";
    const heads = [t("assess_topic"), labelOf(state, t("assess_you"))];
    if (theirs) heads.push(labelOf(state.compare, t("assess_other")));
    ui.table.append(
      h("caption", null, t("assess_table_caption")),
      h("thead", null, h("tr", null, heads.map((head) => h("th", { scope: "col" }, head)))),
      h("tbody", null, rows.map((row) => h("tr", { class: theirs && row.own.value !== row.theirs.value ? "assess-differs" : null },
        h("th", { scope: "row" }, h("a", { href: topicHref(row.topic), onclick: reveal }, row.topic.title)),
        h("td", null, row.own.words), theirs ? h("td", null, row.theirs.words) : null))));
  }
  /* A topic's place on the chart: steps reached (levelled) or criteria met. */
  function value(topic, marks) {
    if (model.levelled) {
      const at = standing(topic, marks);
      return { value: at + 1, words: topicLabel(topic, at), tick: at < 0 ? "–" : topicStep(topic, at).tick };
    }
    const c = counts(marks, [topic]);
    const share = c.total ? c.done / c.total : 0;
    return { value: share, words: t("assess_met_of", { count: c.total, done: c.done }), tick: Math.round(share * 100) + "%" };
  }

  function chartScale() {
    if (model.levelled) {
      const ticks = model.steps.map((s, i) => ({ at: i + 1, label: s.tick, major: !s.sub }));
      return { max: model.steps.length, ticks: [{ at: 0, label: "", major: true }].concat(ticks) };
    }
    return { max: 1, ticks: [0, 0.25, 0.5, 0.75, 1].map((at) => ({ at, label: Math.round(at * 100) + "%", major: true })) };
  }

  /* Bars per topic: their own (solid) and the compared assessment (hatched),
     with the target as a dashed line. Drawn at the width it is shown, with
     topic names wrapped to fit, and again when that width changes. */
  const SVG = "http://www.w3.org/2000/svg";
  let measure = null, drawnWidth = 0, lastRows = null;
  function s(tag, attributes, ...children) {
    const el = document.createElementNS(SVG, tag);
    if (tag !== "svg") el.setAttribute("aria-hidden", "true");  // the table below the chart says it in words
    for (const [name, v] of Object.entries(attributes || {})) if (v !== null && v !== undefined) el.setAttribute(name, v);
    for (const child of children.flat(Infinity)) if (child) el.append(child);
    return el;
  }
  function wrap(text, width, font) {
    if (!measure) measure = document.createElement("canvas").getContext("2d");
    measure.font = font;
    const lines = [];
    let line = "";
    for (const word of text.split(/\s+/)) {
      const tried = line ? line + " " + word : word;
      if (line && measure.measureText(tried).width > width) { lines.push(line); line = word; } else line = tried;
    }
    if (line) lines.push(line);
    return lines.slice(0, 3);
  }
  function drawChart(rows) {
    lastRows = rows;
    const width = Math.max(240, Math.floor(ui.chart.clientWidth || 600));
    drawnWidth = width;
    const style = getComputedStyle(ui.chart);
    const font = "14px " + style.fontFamily;
    const scale = chartScale(), compare = rows.some((row) => row.theirs);
    const left = 8, right = 40, top = 28, bar = 14, gapBetween = 3, line = 18;
    const x = (v) => left + (width - left - right) * (v / scale.max);
    const shapes = [], labels = [];
    let y = top;
    for (const row of rows) {
      const lines = wrap(row.topic.title, width - left - right, font);
      lines.forEach((text, i) => labels.push(s("text", { x: left, y: y + 14 + i * line, class: "assess-chart__label" }, text)));
      y += lines.length * line + 4;
      const drawBar = (entry, cls) => {
        shapes.push(s("rect", { x: left, y, width: Math.max(2, x(entry.value) - left), height: bar, class: cls }));
        labels.push(s("text", { x: x(entry.value) + 4, y: y + bar - 3, class: "assess-chart__value" }, entry.tick));
        y += bar + gapBetween;
      };
      drawBar(row.own, "assess-chart__bar");
      if (compare) drawBar(row.theirs, "assess-chart__bar assess-chart__bar--other");
      if (row.target !== null && row.target >= 0) {
        const tx = x(row.target + 1);
        shapes.push(s("line", { x1: tx, x2: tx, y1: y - (compare ? 2 : 1) * (bar + gapBetween) - 2, y2: y, class: "assess-chart__target" }));
      }
      y += 12;
    }
    /* A label per step (only levels when there are many); a sublevel named
       twice ("1A", "1A (after probation)") is labelled once. */
    const grid = scale.ticks.map((tick, i) => [
      s("line", { x1: x(tick.at), x2: x(tick.at), y1: top - 6, y2: y - 8, class: tick.major ? "assess-chart__grid" : "assess-chart__grid assess-chart__grid--minor" }),
      tick.label && (tick.major || scale.ticks.length <= 16) && tick.label !== (scale.ticks[i - 1] || {}).label
        ? s("text", { x: x(tick.at), y: top - 12, class: "assess-chart__tick",
                      "text-anchor": tick.at === 0 ? "start" : tick.at === scale.max ? "end" : "middle" }, tick.label) : null]);
    const svg = s("svg", { viewBox: "0 0 " + width + " " + y, width, height: y, class: "assess-chart", role: "img",
                           "aria-label": t("assess_chart_label") },
      s("defs", null, s("pattern", { id: "assess-hatch", width: 6, height: 6, patternUnits: "userSpaceOnUse",
                                     patternTransform: "rotate(45)" },
        s("rect", { width: 6, height: 6, class: "assess-chart__hatch-bg" }), s("line", { x1: 0, y1: 0, x2: 0, y2: 6, class: "assess-chart__hatch" }))),
      grid, shapes, labels);
    ui.chart.textContent = "";
    ui.chart.append(svg);
    ui.legend.textContent = "";
    ui.legend.append(...[
      h("span", { class: "assess-legend__item" }, h("span", { class: "assess-legend__swatch", "aria-hidden": "true" }), labelOf(state, t("assess_you"))),
      compare ? h("span", { class: "assess-legend__item" }, h("span", { class: "assess-legend__swatch assess-legend__swatch--other", "aria-hidden": "true" }),
                  labelOf(state.compare, t("assess_other"))) : null,
      model.levelled ? h("span", { class: "assess-legend__item" }, h("span", { class: "assess-legend__target", "aria-hidden": "true" }), t("assess_target_line")) : null].filter(Boolean));
  }

  function renderGap() {
    ui.gapList.textContent = "";
    const target = goal();
    const groups = gap(state.marks, target);
    let total = 0, carried = 0;
    for (const group of groups) {
      total += group.missing.length;
      carried += group.missing.filter((m) => m.carried).length;
    }
    const words = target === "role" ? t("assess_role_targets") : model.levelled ? stepLabel(target) : "";
    ui.gapTitle.textContent = model.levelled ? t("assess_gap_title", { level: words }) : t("assess_gap_title_all");
    if (model.levelled) ui.target.value = String(target);
    if (!total) {
      ui.gapSummary.textContent = model.levelled ? t("assess_gap_none", { level: words }) : t("assess_gap_none_all");
    } else {
      ui.gapSummary.textContent = model.levelled
        ? t("assess_gap_summary", { count: total, level: words, here: total - carried, carried })
        : t("assess_gap_summary_all", { count: total });
    }
    if (target === "role") ui.gapSummary.textContent += " " + withoutCriteria();
    for (const group of groups) {
      ui.gapList.append(h("section", { class: "assess-gap__topic" },
        h("h4", null, h("a", { href: topicHref(group.topic), onclick: reveal }, group.topic.title), " ",
          h("span", { class: "assess-gap__count" }, t("assess_to_go", { count: group.missing.length }))),
        h("ul", null, group.missing.map(({ item, carried: below }) => h("li", null,
          h("a", { href: hrefOf(item), onclick: reveal }, (item.number ? item.number + " " : "") + item.text),
          h("span", { class: "assess-gap__where" }, [
            model.levelled ? (below ? t("assess_carried_from", { level: item.block.step.label }) : item.block.step.label) : "",
            markWord((state.marks.get(item.key) || {}).mark)].filter(Boolean).join(" · ")))))));
    }
  }
  /* On a role's page: the topics it needs that have no criteria to mark. */
  function withoutCriteria() {
    const needed = Object.keys(model.roles.get(data.role).targets);
    const missing = needed.filter((anchor) => !model.topics.some((topic) => topic.anchor === anchor)).length;
    return missing ? t("assess_role_without_criteria", { count: missing, total: needed.length }) : "";
  }

  /* A criterion the page does not show (a role's page shows one level) is
     linked on the framework's page, which opens this assessment too. */
  function hrefOf(item) {
    return document.getElementById(item.anchor) ? "#" + item.anchor : data.frameworkUrl + "#" + item.anchor;
  }
  /* A topic's place: its own (a framework's topic list, a role's requirement),
     else, on a level's page, its section there, else the framework's page. */
  function topicHref(topic) {
    if (document.getElementById(topic.anchor)) return "#" + topic.anchor;
    const shown = topic.blocks.flatMap((block) => block.items).map((item) => document.getElementById(item.anchor)).find(Boolean);
    const section = shown && shown.closest("section.topic[id]");
    return section ? "#" + section.id : data.frameworkUrl + "#" + topic.anchor;
  }
  function reveal(event) {
    const id = decodeURIComponent(event.currentTarget.getAttribute("href").split("#")[1] || "");
    const target = document.getElementById(id);
    if (!target || event.currentTarget.getAttribute("href")[0] !== "#") return;
    event.preventDefault();
    document.dispatchEvent(new CustomEvent("ladder:reveal", { detail: id }));
    for (let d = target.closest("details"); d; d = d.parentElement.closest("details")) d.open = true;
    target.scrollIntoView({ block: "start" });
    const focus = target.querySelector("fieldset.assess-mark input:checked, fieldset.assess-mark input") || target;
    if (focus === target && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    focus.focus({ preventScroll: true });
  }

  function renderNotes() {
    ui.notes.textContent = "";
    const noted = [];
    for (const topic of model.topics) {
      for (const item of topic.items) {
        const value = state.marks.get(item.key);
        if (value && value.note && item.key === item.anchor) noted.push({ item, value });
      }
    }
    ui.notesBox.hidden = !noted.length;
    ui.notesTitle.textContent = t("assess_notes_title", { count: noted.length });
    ui.notes.append(...noted.map(({ item, value }) => h("li", null,
      h("span", { class: "assess-notes__topic" }, item.topic.title + (model.levelled ? " · " + item.block.step.label : "")),
      h("q", null, item.text), h("span", { class: "assess-notes__mark" }, markWord(value.mark)), h("span", { class: "assess-notes__note" }, value.note))));
  }

  function targetOptions() {
    ui.target.textContent = "";
    if (onRolePage()) ui.target.append(h("option", { value: "role" }, t("assess_role_targets")));
    model.steps.forEach((step, index) => ui.target.append(h("option", { value: String(index) }, step.label)));
  }
  /* The target a person chose is kept as a step's key ("2", "1B"), which
     survives edits; in memory it is the step's index, or "role" for a role's
     own targets, or null until they choose: then it is the step after where
     they stand (on a role's page, the role's targets; on a level's page,
     that level), and moves with them.
     Standards and units ask everything at once. */
  const onRolePage = () => !!(data.role && model.roles.has(data.role));
  function targetFromKey(key) {
    if (key === "role") return onRolePage() ? "role" : null;
    const found = model.steps.findIndex((step) => step.key === key);
    return found >= 0 ? found : null;
  }
  const targetKey = (target) => (target === "role" ? "role" : model.steps[target].key);
  function goal() {
    const last = model.steps.length - 1;
    if (!model.levelled) return last;
    if (state.target !== null) return state.target;
    if (onRolePage()) return "role";
    const pageLevel = data.level === undefined ? -1 : lastStepUpTo(model.rankOf.get(data.level));
    return pageLevel >= 0 ? pageLevel : Math.min(overall(state.marks) + 1, last);
  }

  /* --- Keep, share, compare --------------------------------------------- */

  function readFile(input, then) {
    const file = input.files[0];
    input.value = "";
    if (!file) return;
    if (file.size > MAX_FILE) { say(t("assess_import_failed", { problem: t("assess_bad_size") }), null, true); return; }
    file.text().then((text) => {
      let parsed;
      try { parsed = JSON.parse(text); } catch (e) {
        say(t("assess_import_failed", { problem: t("assess_bad_json") }), null, true);
        return;
      }
      const problem = problemOf(parsed);
      if (problem) say(t("assess_import_failed", { problem }), null, true);
      else then(parsed);
    });
  }
  function snapshot() { return fileOf(state); }
  function restore(file) {
    state = stateOf(file);
    reopenControls();
    targetOptions();
    ui.name.value = state.name;
    changed();
  }
  function reopenControls() { removeControls(); addControls(); }
  function withUndo(message, before) {
    say(message, [[t("assess_undo"), () => { restore(before); say(t("assess_undone")); }]]);
  }

  function importOwn(file) {
    const before = snapshot();
    restore({ ...file, target: "target" in file || state.target === null ? file.target : targetKey(state.target) });
    withUndo(t("assess_imported", { label: labelOf(state, t("assess_you")), count: state.marks.size }), before);
  }
  function compareWith(assessment, message) {
    const before = snapshot();
    state.compare = assessment;
    reopenControls();
    changed();
    withUndo(message || t("assess_comparing", { label: labelOf(assessment, t("assess_other")) }), before);
  }
  function exportFile() {
    const file = fileOf(state);
    const blob = new Blob([JSON.stringify(file, null, 2) + "\n"], { type: "application/json" });
    const a = h("a", { href: URL.createObjectURL(blob),
                       download: "assessment-" + model.id.replace(/[^\w-]+/g, "-") + (state.name ? "-" + state.name.replace(/[^\p{L}\p{N}-]+/gu, "-") : "") +
                                 "-" + (state.date || today()) + ".json" });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }
  async function compareWithLink() {
    const text = ui.otherLink.value.trim();
    const hashAt = text.indexOf("#a=");
    let file = null;
    try { if (hashAt >= 0) file = await fileFromFragment(text.slice(hashAt)); } catch (e) { file = null; }
    const problem = file ? problemOf(file) : t("assess_bad_link");
    if (problem) { say(t("assess_compare_failed", { problem }), null, true); return; }
    ui.otherLink.value = "";
    compareWith(assessmentOf(file));
  }
  function clearAll() {
    const before = snapshot();
    state = { ...emptyAssessment(), compare: null, target: null };
    ui.name.value = "";
    reopenControls();
    targetOptions();
    changed();
    withUndo(t("assess_cleared"), before);
  }
  function printSheet() {
    document.body.classList.add("print-assessment");
    document.querySelectorAll(".assessment details").forEach((d) => { d.open = true; });
    window.print();
  }
  window.addEventListener("afterprint", () => document.body.classList.remove("print-assessment"));

  function close() {
    store(storeKey + ":closed", true);
    document.documentElement.removeAttribute("data-assessing");
    history.replaceState(history.state, "", location.pathname + location.search);
    removeControls();
    ui.panel.remove();
    box.querySelector(".assessment__open").hidden = false;
    box.querySelector("[data-assessment-open]").focus();
  }

  function buildPanel() {
    const id = (name) => "assessment-" + name;
    ui.status = h("p", { class: "assessment__status", role: "status" });
    ui.notice = h("p", { class: "assessment__status", hidden: true });
    ui.lost = h("div", { class: "assessment__lost", tabindex: "-1", hidden: true });
    ui.summary = h("p", { class: "assessment__summary" });
    ui.chart = h("div", { class: "assessment__chart" });
    ui.legend = h("p", { class: "assessment__legend" });
    ui.table = h("table", { class: "assessment__table" });
    ui.gapTitle = h("h3", { id: id("gap-title") });
    ui.gapSummary = h("p", { class: "assessment__gap-summary" });
    ui.gapList = h("div", { class: "assessment__gap" });
    ui.target = h("select", { id: id("target"), onchange: () => { state.target = ui.target.value === "role" ? "role" : Number(ui.target.value); changed(); } });
    ui.name = h("input", { type: "text", id: id("name"), maxlength: "200", autocomplete: "name",
                           oninput: () => { state.name = ui.name.value.trim(); changed(600); }, onchange: () => changed() });
    ui.link = h("input", { type: "url", id: id("link"), readonly: true, class: "assessment__link",
                           onfocus: (event) => event.target.select() });
    ui.otherLink = h("input", { type: "url", id: id("other-link"), class: "assessment__link" });
    ui.notes = h("ul", { class: "assess-notes" });
    ui.notesTitle = h("h3", null);
    ui.notesBox = h("section", { class: "assessment__notes" }, ui.notesTitle, ui.notes);
    const fileInput = (label, then) => {
      const input = h("input", { type: "file", accept: ".json,application/json", class: "visually-hidden", tabindex: "-1",
                                 "aria-hidden": "true", onchange: (event) => readFile(event.target, then) });
      return [input, button(label, () => input.click())];
    };
    const levelled = model.levelled;
    ui.title = box.querySelector("h2");
    ui.title.setAttribute("tabindex", "-1");
    ui.panel = h("div", { class: "assessment__panel" },
      h("p", { class: "assessment__privacy" }, t("assess_privacy")),
      h("p", { class: "assessment__field" }, h("label", { for: id("name") }, t("assess_name")), " ", ui.name),
      ui.notice, ui.status, ui.lost,
      h("section", { "aria-labelledby": id("standing-title") },
        h("h3", { id: id("standing-title") }, t("assess_standing_title")),
        ui.summary,
        h("p", { class: "assessment__rule" }, levelled ? t("assess_rule") : t("assess_rule_all")),
        h("figure", { class: "assessment__figure" }, ui.legend, ui.chart),
        ui.table),
      h("section", { "aria-labelledby": id("gap-title") },
        ui.gapTitle,
        levelled ? h("p", { class: "assessment__field no-print" }, h("label", { for: id("target") }, t("assess_target")), " ", ui.target) : null,
        ui.gapSummary, ui.gapList),
      ui.notesBox,
      h("section", { class: "assessment__tools no-print", "aria-labelledby": id("tools-title") },
        h("h3", { id: id("tools-title") }, t("assess_tools_title")),
        h("p", { class: "assessment__field" }, h("label", { for: id("link") }, t("assess_link")), " ", ui.link),
        h("p", { class: "actions" },
          button(t("assess_copy_link"), () => {
            ui.link.select();
            (navigator.clipboard ? navigator.clipboard.writeText(ui.link.value) : Promise.reject(new Error("no clipboard")))
              .then(() => say(t("assess_copied")), () => say(t("assess_copy_by_hand")));
          }),
          button(t("assess_export"), exportFile), fileInput(t("assess_import"), importOwn),
          button(t("assess_print"), printSheet)),
        h("h4", null, t("assess_compare_title")),
        h("p", null, t("assess_compare_lead")),
        h("p", { class: "actions" },
          fileInput(t("assess_compare_file"), (file) => compareWith(assessmentOf(file))),
          button(t("assess_compare_copy"), () => compareWith(assessmentOf(fileOf(state)), t("assess_compare_copied"))),
          button(t("assess_compare_swap"), () => {
            const before = snapshot(), mine = { ...state, compare: null };
            state = { ...state.compare, target: state.target, compare: mine };
            ui.name.value = state.name;
            reopenControls();
            changed();
            withUndo(t("assess_swapped"), before);
          }, { "data-needs-compare": "" }),
          button(t("assess_compare_stop"), () => compareWith(null, t("assess_compare_stopped")), { "data-needs-compare": "" })),
        h("p", { class: "assessment__field" }, h("label", { for: id("other-link") }, t("assess_compare_link")), " ", ui.otherLink, " ",
          button(t("assess_compare_link_button"), compareWithLink)),
        h("p", { class: "assessment__schema" }, t("assess_format"), " ", h("a", { href: data.schema }, t("assess_schema"))),
        h("p", { class: "actions" }, button(t("assess_clear"), clearAll, { class: "button button--danger" }),
          button(t("assess_close"), close))));
    box.append(ui.panel);
    new ResizeObserver(() => {
      if (lastRows && Math.abs(Math.floor(ui.chart.clientWidth) - drawnWidth) > 1) drawChart(lastRows);
    }).observe(ui.chart);
  }

  /* --- Starting ----------------------------------------------------------- */

  /* The style sheet, the framework's data and the words, fetched together;
     these are the site's own files, and the requests carry nothing of the
     assessment. */
  function styles() {
    if (!data.css || document.querySelector("link[data-assessment-css]")) return Promise.resolve();
    const link = h("link", { rel: "stylesheet", href: data.css, "data-assessment-css": "" });
    const loaded = new Promise((done) => { link.onload = link.onerror = done; });
    document.head.append(link);
    return loaded;
  }
  /* Asked of the server each time (a cached copy only if it is unchanged):
     marks are matched against the data, which must be the page's build. */
  async function fetched(url) {
    const response = await fetch(url, { credentials: "same-origin", cache: "no-cache" });
    if (!response.ok) throw new Error(response.status + " " + response.statusText);
    return response.json();
  }

  async function start(byHand) {
    box.querySelector(".assessment__open").hidden = true;
    document.documentElement.setAttribute("data-assessing", "");
    store(storeKey + ":closed", null);
    const loading = h("p", { class: "assessment__status", role: "status" }, t("assess_loading"));
    box.append(loading);
    try {
      if (!model) {
        const [found, words] = await Promise.all([fetched(data.json), fetched(data.words), styles()]);
        strings = words;
        model = modelOf(found);
      }
    } catch (e) {
      loading.textContent = t("assess_no_data", { problem: String(e.message || e) });
      loading.classList.add("assessment__status--error");
      document.documentElement.removeAttribute("data-assessing");
      return;
    }
    loading.remove();
    let file = stored(storeKey), linkProblem = "", fromLink = null;
    if (/^#a=/.test(location.hash)) {
      try { fromLink = await fileFromFragment(location.hash); }
      catch (e) { linkProblem = t(e instanceof TooLarge ? "assess_bad_size" : "assess_bad_link"); }
      if (fromLink && !linkProblem) linkProblem = problemOf(fromLink);
      if (!linkProblem) {
        if (file && JSON.stringify(file) !== JSON.stringify(fromLink)) previous = file;
        file = fromLink;
      }
    }
    if (file && problemOf(file)) file = null;  // a stored copy this version cannot read
    state = file ? stateOf(file) : { ...emptyAssessment(), compare: null, target: null };
    buildPanel();
    targetOptions();
    ui.name.value = state.name;
    addControls();
    render();
    if (linkProblem) say(t("assess_link_failed", { problem: linkProblem }), null, true);
    else if (previous) offerKept(previous);
    save();
    if (!ui.lost.hidden) ui.lost.focus();
    else if (byHand) ui.title.focus();
  }

  window.addEventListener("hashchange", () => {
    if (!document.documentElement.hasAttribute("data-assessing") || !state) return;
    if (/^#a=/.test(location.hash)) { location.reload(); return; }  // another assessment's link, pasted
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (target) target.scrollIntoView();
    save();  // the address holds the assessment, not a place on the page
  });
  box.addEventListener("click", (event) => {
    if (event.target.closest("[data-assessment-open]") && !document.documentElement.hasAttribute("data-assessing")) start(true);
  });
  start(box.hasAttribute("data-opened-by-hand"));
})();
