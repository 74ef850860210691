// The worksheet board: one section at a time, notes written with Enter and saved without a page load, cards moved by
// drag and drop or from the keyboard, several selected at once, and everyone's changes shown in place as they arrive.
// A change that arrives live is drawn from the cell's <template> (rendered by the server in the reader's language, with
// their rights and antiforgery fields) and filled with textContent only, so no text is ever parsed as markup.
// Without this script the page is the long form whose small forms post and return (docs/board.md).
const root = document.getElementById("worksheet");
const dataElement = document.getElementById("board-data");

if (root && dataElement) {
  document.documentElement.classList.add("js");
  let data = JSON.parse(dataElement.textContent);
  const sheetId = location.pathname.split("/")[2];
  const say = (key, ...args) => (data.texts[key] ?? "").replace(/\{(\d)\}/g, (_, i) => args[Number(i)] ?? "");
  const text = (key, ...args) => (root.dataset[key] || "").replace(/\{(\d)\}/g, (_, i) => args[Number(i)] ?? "");
  const announcer = document.getElementById("live-announcer");
  const status = document.getElementById("live-status");
  const token = () => document.querySelector('input[name="__RequestVerificationToken"]')?.value ?? "";
  const handlerUrl = (handler) => `${location.pathname}?handler=${handler}`;
  // Presence: this page's connection and the section last reported for it (see report below).
  let connectionId = null;
  let reported = null;
  let reportTimer = null;

  // Announcements: at most one every 2 seconds, summarised when many arrive together.
  const queue = [];
  let flushTimer = null;
  const announce = (message, now = false) => {
    if (now) { announcer.textContent = message; return; }
    queue.push(message);
    flushTimer ??= setTimeout(() => {
      announcer.textContent = queue.length > 3 ? text("textMany", queue.length) : queue.join(" ");
      queue.length = 0;
      flushTimer = null;
    }, 2000);
  };

  // ---- Sections: one on screen at a time, chosen from the tabs, the overview, a link or the facilitator ----
  // The long form (every section one after another) is a choice a reader may keep: ?view=all, or remembered.
  const requested = new URLSearchParams(location.search).get("view");
  if (requested) localStorage.setItem("digipaja.view", requested);
  const boardOn = (requested ?? localStorage.getItem("digipaja.view")) !== "all";
  const sections = () => [...document.querySelectorAll(".ws-section[data-section]")];
  const sectionOf = (element) => element?.closest?.(".ws-section")?.dataset.section;
  let current = null;
  const show = (key, { focus = null, remember = true } = {}) => {
    if (!boardOn) { (focus ?? document.getElementById(key === "overview" ? "overview-title" : `s-${key}-title`))?.scrollIntoView(); return; }
    if (!sections().some((s) => s.dataset.section === key)) key = sections()[1]?.dataset.section ?? "overview";
    current = key;
    for (const section of sections()) section.hidden = section.dataset.section !== key;
    for (const link of document.querySelectorAll(".board-tabs a[data-section]")) {
      if (link.dataset.section === key) link.setAttribute("aria-current", "true"); else link.removeAttribute("aria-current");
    }
    if (remember) sessionStorage.setItem(`digipaja.section.${sheetId}`, key);
    if (focus) {
      focus.scrollIntoView({ block: "nearest" });
      focus.focus({ preventScroll: true });
    }
    report();
  };
  if (boardOn) document.body.classList.add("board-on");
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-section]");
    if (!link || !link.dataset.section) return;
    event.preventDefault();
    const target = document.getElementById(link.getAttribute("href").slice(1));
    const key = link.dataset.section;
    const heading = document.getElementById(key === "overview" ? "overview-title" : `s-${key}-title`);
    show(key, { focus: target?.matches("h2, .cell") ? target.querySelector("h3") ?? heading : heading });
    if (target?.classList.contains("cell")) { target.scrollIntoView({ block: "nearest" }); target.querySelector("textarea")?.focus(); }
    history.replaceState(null, "", link.getAttribute("href"));
  });
  // Where the page was sent (#c-cell, #n-note, #s-section) decides the section; otherwise the last one seen here.
  const landing = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  show(sectionOf(landing) ?? sessionStorage.getItem(`digipaja.section.${sheetId}`) ?? sections()[1]?.dataset.section, { remember: false });
  if (landing && sectionOf(landing)) landing.scrollIntoView({ block: "nearest" });
  const viewLink = document.querySelector('[data-action="show-all"]');
  if (viewLink && !boardOn) { viewLink.textContent = viewLink.dataset.boardText; viewLink.href = "?view=board"; }

  // ---- Cards: drawn from the cell's template, filled with textContent ----
  const dateText = (iso) => iso ? new Date(`${iso}T12:00:00`).toLocaleDateString(document.documentElement.lang) : "";
  const setField = (card, name, shown, value) => {
    const field = card.querySelector(`[data-f="${name}"]`);
    if (!field) return;
    field.hidden = !shown;
    const slot = field.querySelector("[data-v]");
    if (slot && value !== undefined) slot.textContent = value;
  };
  const setTime = (element, iso) => { if (element) { element.textContent = dateText(iso); element.setAttribute("datetime", iso ?? ""); } };
  const labelOf = (item) => {
    const base = item.text || data.metrics[item.metricId]?.name || "";
    const chars = [...base];
    return chars.length > 40 ? `${chars.slice(0, 40).join("")}…` : base;
  };
  const setValue = (card, name, value) => {
    const input = card.querySelector(`.note__edit [name="${name}"]`);
    if (input) input.value = value ?? "";
  };
  const fill = (card, item) => {
    card.className = `note note--${item.colour}`;
    Object.assign(card.dataset, { id: item.id, version: item.version, cell: item.cellKey, row: item.rowId ?? "", group: item.group });
    card.draggable = true;
    const metric = data.metrics[item.metricId];
    const metricField = card.querySelector('[data-f="metric"]');
    if (metricField) {
      metricField.hidden = !metric;
      if (metric) { metricField.querySelector("strong").textContent = metric.name; metricField.lastChild.textContent = ` (${metric.unit})`; }
    }
    const textField = card.querySelector('[data-f="text"]');
    textField.textContent = item.text;
    textField.hidden = !item.text;
    for (const label of card.querySelectorAll('[data-f="label"]')) label.textContent = labelOf(item);
    card.querySelector('[data-f="select"]')?.setAttribute("aria-label", `${card.querySelector('[data-f="select"]').getAttribute("aria-label").split(":")[0]}: ${labelOf(item)}`);
    setField(card, "private", item.isPrivate);
    setField(card, "milestone", item.kind === "milestone");
    setField(card, "golive", !!item.goLive);
    setField(card, "owner", !!item.owner, item.owner);
    setField(card, "due", !!item.dueDate);
    setTime(card.querySelector('[data-f="due"] time'), item.dueDate);
    setField(card, "dates", !!item.startDate);
    setTime(card.querySelector('[data-f="dates"] > time'), item.startDate);
    setField(card, "end", !!item.endDate);
    setTime(card.querySelector('[data-f="end"] time'), item.endDate);
    setField(card, "service", data.cells[item.cellKey]?.kind === "Notes" && !!item.rowId, data.rows[item.rowId] ?? "");
    card.querySelector('[data-f="service"] [data-v]')?.setAttribute("data-row-label", item.rowId ?? "");
    setField(card, "tag", !!item.tag, item.tag);
    card.querySelector('[data-f="colour"]').textContent = data.colours[item.colour] ?? "";
    card.querySelector('[data-f="author"]').textContent = item.author;
    for (const version of card.querySelectorAll('input[name="version"]')) version.value = item.version;
    setValue(card, "Input.Text", item.text);
    setValue(card, "Input.Owner", item.owner);
    setValue(card, "Input.DueDate", item.dueDate);
    setValue(card, "Input.StartDate", item.startDate);
    setValue(card, "Input.EndDate", item.endDate);
    setValue(card, "Input.Group", item.group);
    setValue(card, "Input.Tag", item.tag);
    setValue(card, "Input.Colour", item.colour);
    setValue(card, "Input.CellKey", item.cellKey);
    setValue(card, "Input.MetricId", item.metricId);
    if (item.kind === "milestone" || item.kind === "phase") setValue(card, "Input.Kind", item.kind);
    if (item.rowId || card.querySelector('.note__edit select[name="Input.RowId"] option[value=""]')) setValue(card, "Input.RowId", item.rowId);
  };
  const cardFor = (item) => {
    const template = document.getElementById(`tpl-${item.cellKey}`);
    if (!template || !/^[0-9a-f-]{36}$/.test(item.id)) return null;
    // The template is the server's card for an empty item; its ids and names carry the empty id, given the note's here.
    const html = template.innerHTML.replaceAll("00000000-0000-0000-0000-000000000000", item.id).replaceAll("0".repeat(32), item.id.replaceAll("-", ""));
    const holder = document.createElement("template");
    holder.innerHTML = html;
    const card = holder.content.firstElementChild;
    fill(card, item);
    return card;
  };
  const containerFor = (cellKey, rowId) =>
    (rowId && document.querySelector(`.cell__content[data-cell="${CSS.escape(cellKey)}"][data-row="${CSS.escape(rowId)}"]`))
    || document.querySelector(`.cell__content[data-cell="${CSS.escape(cellKey)}"]:not([data-row])`);
  const listFor = (container, group) => {
    let list = [...container.querySelectorAll(":scope > ul.notes, :scope > .note-cluster > ul.notes")].find((ul) => ul.dataset.group === group);
    if (list) return list;
    const cluster = document.createElement("div");
    cluster.className = "note-cluster";
    cluster.dataset.group = group;
    const heading = document.createElement("h4");
    heading.className = "note-group";
    heading.textContent = group;
    list = document.createElement("ul");
    list.className = "notes";
    list.dataset.group = group;
    list.setAttribute("aria-label", group);
    cluster.append(heading, list);
    container.querySelector(":scope > form.note-form--add")?.before(cluster) ?? container.append(cluster);
    return list;
  };
  const recount = () => {
    const counts = {};
    for (const card of document.querySelectorAll(".cell__content li.note")) counts[card.dataset.cell] = (counts[card.dataset.cell] ?? 0) + 1;
    for (const badge of document.querySelectorAll("[data-count-for]")) {
      const key = badge.dataset.countFor;
      badge.textContent = key in data.cells ? counts[key] ?? 0
        : Object.entries(data.sections).filter(([, s]) => s === key).reduce((sum, [cell]) => sum + (counts[cell] ?? 0), 0);
    }
    for (const cluster of document.querySelectorAll(".note-cluster")) if (!cluster.querySelector("li.note")) cluster.remove();
  };
  // A service is named after the first note of its "service name" cell, or by its number; every label of it follows.
  const relabel = (rowId) => {
    if (!rowId) return;
    const first = document.querySelector(`.cell__content[data-cell="service-name"][data-row="${CSS.escape(rowId)}"] li.note [data-f="text"]`);
    const label = first?.textContent || data.rowNumbers[rowId] || "";
    data.rows[rowId] = label;
    for (const element of document.querySelectorAll(`[data-row-label="${CSS.escape(rowId)}"]`)) element.textContent = label;
  };
  const pathCells = new Set(Object.entries(data.cells).filter(([, c]) => c.kind === "Path").map(([key]) => key));
  // A saved or arriving item takes its place; an older version than the one shown changes nothing.
  const upsert = (item) => {
    const existing = document.getElementById(`n-${item.id}`);
    if (existing && Number(existing.dataset.version) >= item.version && !existing.classList.contains("note--editing")) return;
    if (pathCells.has(item.cellKey) || item.kind === "task" && document.querySelector(".cell__content[data-kind='Path']")) refreshCell("development-path");
    if (pathCells.has(item.cellKey)) return;
    if (item.isDeleted) { existing?.remove(); recount(); if (item.cellKey === "service-name") relabel(item.rowId); return; }
    const container = containerFor(item.cellKey, item.rowId);
    const card = container && cardFor(item);
    if (!card) return;
    if (existing?.contains(document.activeElement) && existing.closest("ul") === listFor(container, item.group)) {
      fill(existing, item); // never pull a card from under the hands of its reader
    } else if (existing) {
      const list = listFor(container, item.group);
      if (existing.parentElement === list) existing.replaceWith(card); else { existing.remove(); list.append(card); }
    } else listFor(container, item.group).append(card);
    recount();
    if (item.cellKey === "service-name" || existing?.dataset.cell === "service-name") relabel(item.rowId ?? existing?.dataset.row);
  };
  // A development path is drawn by the server (its timeline); it is read again, keeping the reader's focus and typing.
  const refreshCell = async (cellKey) => {
    const container = containerFor(cellKey);
    if (!container) return;
    const focused = container.contains(document.activeElement) ? document.activeElement.id : null;
    const typed = [...container.querySelectorAll("textarea, input:not([type=hidden])")].filter((f) => f.id && f.value).map((f) => [f.id, f.value]);
    const url = new URL(root.dataset.cellUrl, location.href);
    url.searchParams.set("cellKey", cellKey);
    const response = await fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } });
    if (!response.ok) return;
    container.innerHTML = await response.text();
    for (const [id, value] of typed) { const field = document.getElementById(id); if (field && !(focused === id && field.closest("form[data-board='add']"))) field.value = value; }
    if (focused) document.getElementById(focused)?.focus();
  };

  // ---- Saving: the page's own forms, posted with fetch ----
  const clearErrors = (form) => {
    for (const error of form.querySelectorAll(".field-error.js-error")) error.remove();
    for (const field of form.querySelectorAll("[aria-invalid]")) field.removeAttribute("aria-invalid");
  };
  const showErrors = (form, errors, current) => {
    clearErrors(form);
    for (const { field, message } of errors.length ? errors : [{ field: "text", message: say("saveFailed") }]) {
      const input = form.querySelector(`[id$="-${field}"]`) ?? form.querySelector("textarea, input:not([type=hidden]), select");
      const line = document.createElement("p");
      line.className = "field-error js-error";
      line.id = `${input?.id ?? "form"}-js-error`;
      line.textContent = current && field === "text" ? `${message} ${current.text}` : message;
      line.setAttribute("role", "alert");
      (input?.closest(".field") ?? form).prepend(line);
      if (input) { input.setAttribute("aria-invalid", "true"); input.setAttribute("aria-describedby", line.id); }
    }
    form.querySelector("[aria-invalid='true']")?.focus();
    // After a conflict the form is based on the newer version, so saving again knowingly replaces it.
    if (current) for (const version of form.querySelectorAll('input[name="version"]')) version.value = current.version;
  };
  const post = async (url, body) => fetch(url, {
    method: "POST", body, credentials: "same-origin", headers: { "X-Requested-With": "fetch" },
  });
  const send = async (form, extra = {}) => {
    const body = new FormData(form);
    for (const [key, value] of Object.entries(extra)) {
      if (Array.isArray(value)) { body.delete(key); for (const v of value) body.append(key, v); } else body.set(key, value);
    }
    let response;
    try { response = await post(form.action, body); } catch { showErrors(form, []); return null; }
    if (response.status === 422) {
      const problem = await response.json();
      showErrors(form, problem.errors, problem.current);
      return null;
    }
    if (!response.ok) { showErrors(form, []); return null; }
    clearErrors(form);
    return response.status === 204 ? {} : response.json();
  };
  let undoTimer = null;
  const offerUndo = (itemId) => {
    const bar = document.getElementById("undo-bar") ?? (() => {
      const box = document.createElement("div");
      box.id = "undo-bar";
      box.className = "toast";
      box.setAttribute("role", "status");
      box.append(document.createElement("p"), Object.assign(document.createElement("button"), { type: "button", className: "button button--small" }));
      document.body.append(box);
      return box;
    })();
    bar.querySelector("p").textContent = say("deleted");
    const button = bar.querySelector("button");
    button.textContent = say("undo");
    button.onclick = async () => {
      const body = new FormData();
      body.set("itemId", itemId);
      body.set("__RequestVerificationToken", token());
      const response = await post(handlerUrl("Restore"), body);
      if (response.ok) { upsert((await response.json()).item); announce(say("restored"), true); document.getElementById(`n-${itemId}`)?.querySelector("button, summary")?.focus(); }
      bar.hidden = true;
    };
    bar.hidden = false;
    clearTimeout(undoTimer);
    undoTimer = setTimeout(() => { bar.hidden = true; }, 10000);
  };
  document.addEventListener("submit", async (event) => {
    const form = event.target;
    const kind = form.dataset.board;
    if (!kind) return;
    event.preventDefault();
    const submitter = event.submitter;
    const extra = submitter?.name ? { [submitter.name]: submitter.value } : {};
    if (kind === "bulk") extra.itemIds = selected().map((card) => card.dataset.id);
    const result = await send(form, extra);
    if (!result) return;
    const card = form.closest("li.note");
    if (kind === "add") {
      for (const field of form.querySelectorAll("textarea, input:not([type=hidden])")) field.value = "";
      form.querySelector("textarea")?.focus();
      upsert(result.item);
    } else if (kind === "update") {
      form.closest("details")?.removeAttribute("open");
      upsert(result.item);
      document.getElementById(`n-${result.item.id}`)?.querySelector(".note__edit > summary")?.focus();
    } else if (kind === "delete") {
      const next = card.nextElementSibling ?? card.previousElementSibling;
      card.remove();
      recount();
      (next?.querySelector("button, summary") ?? document.querySelector(`#c-${CSS.escape(result.item.cellKey)} textarea`))?.focus();
      offerUndo(result.item.id);
    } else if (kind === "vote") {
      updateDotsLeft(result.votesLeft);
      const dots = card.querySelector('[data-f="mydots"]');
      dots.hidden = result.onNote === 0;
      dots.textContent = say("myDots", result.onNote);
    } else if (kind === "bulk") {
      for (const item of result.items) upsert(item);
      clearSelection();
      announce(say("selected", 0), true);
    }
  });
  const updateDotsLeft = (left) => {
    const bar = document.querySelector(".bar__vote [data-votes-left]");
    if (bar) bar.textContent = bar.textContent.replace(/\d+/, left);
    const banner = document.querySelector(".vote-banner [data-votes-left]");
    if (banner) banner.textContent = banner.textContent.replace(/\d+/, left);
  };
  // Enter writes the note and keeps the box ready for the next one; Shift+Enter starts a new line.
  document.addEventListener("keydown", (event) => {
    const box = event.target;
    if (event.key !== "Enter" || event.shiftKey || event.isComposing || box.tagName !== "TEXTAREA") return;
    const form = box.closest("form[data-board='add'], form[data-board='update']");
    if (!form || box.name !== "Input.Text" || !box.value.trim()) return;
    event.preventDefault();
    form.requestSubmit();
  });

  // ---- Editing in place: Enter or a click on the text; Enter saves, Esc cancels ----
  const editInPlace = (card) => {
    if (card.classList.contains("note--editing")) return;
    const shown = card.querySelector('[data-f="text"]');
    const form = card.querySelector("form[data-board='update']");
    if (!form) return;
    const box = document.createElement("textarea");
    box.className = "note__inplace";
    box.value = shown.textContent;
    box.rows = Math.max(2, Math.ceil(box.value.length / 30));
    box.setAttribute("aria-label", `${say("editHint")}`);
    card.classList.add("note--editing");
    shown.hidden = true;
    shown.after(box);
    box.focus();
    const end = (save) => {
      if (!card.classList.contains("note--editing")) return;
      card.classList.remove("note--editing");
      const value = box.value;
      box.remove();
      shown.hidden = !shown.textContent;
      if (save && value.trim() && value !== shown.textContent) {
        form.querySelector('[name="Input.Text"]').value = value;
        form.requestSubmit();
      } else card.querySelector('[data-action="edit-text"]')?.focus();
    };
    box.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) { event.preventDefault(); event.stopPropagation(); end(true); }
      if (event.key === "Escape") { event.preventDefault(); end(false); }
    });
    box.addEventListener("blur", () => end(true));
  };
  document.addEventListener("click", (event) => {
    const card = event.target.closest("li.note");
    if (!card) return;
    if (event.target.closest('[data-action="edit-text"]') || event.target.closest('[data-f="text"]')) editInPlace(card);
  });

  // ---- Selecting several notes: move, colour, tag or group them at once ----
  const selectionBar = document.getElementById("selection-bar");
  const selected = () => [...document.querySelectorAll("li.note")].filter((card) => card.querySelector('[data-f="select"]')?.checked);
  const updateSelection = () => {
    const count = selected().length;
    selectionBar.hidden = count === 0;
    document.getElementById("selection-count").textContent = say("selected", count);
    for (const card of document.querySelectorAll("li.note")) card.classList.toggle("note--selected", !!card.querySelector('[data-f="select"]')?.checked);
  };
  const clearSelection = () => {
    for (const box of document.querySelectorAll('li.note [data-f="select"]')) box.checked = false;
    updateSelection();
  };
  document.addEventListener("change", (event) => { if (event.target.matches('[data-f="select"]')) updateSelection(); });
  document.addEventListener("click", (event) => {
    if (event.target.closest('[data-action="clear-selection"]')) clearSelection();
    const groupButton = event.target.closest('[data-action="select-group"]');
    if (groupButton) {
      for (const box of groupButton.closest(".note-cluster").querySelectorAll('[data-f="select"]')) box.checked = true;
      updateSelection();
    }
  });

  // ---- Moving: drag and drop, or pick up / arrows / Enter from the keyboard ----
  const accepts = (container, card) => container.dataset.kind === card.dataset.kind;
  const describe = (container) => {
    const row = container.dataset.row ? `, ${data.rows[container.dataset.row] ?? ""}` : "";
    return `${container.dataset.title}${row}`;
  };
  const moveTo = (card, container, group) => {
    const form = card.querySelector("form[data-board='update']");
    const extra = { "Input.CellKey": container.dataset.cell };
    if (container.dataset.row) extra["Input.RowId"] = container.dataset.row;
    if (group !== undefined) extra["Input.Group"] = group;
    return send(form, extra).then((result) => { if (result?.item) upsert(result.item); return result; });
  };
  let dragged = null;
  document.addEventListener("dragstart", (event) => {
    const card = event.target.closest?.("li.note");
    const cluster = event.target.closest?.(".note-cluster");
    if (!card && !cluster) return;
    dragged = card ?? cluster;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card?.dataset.id ?? cluster.dataset.group);
    dragged.classList.add("is-dragged");
  });
  document.addEventListener("dragend", () => { dragged?.classList.remove("is-dragged"); dragged = null; document.querySelectorAll(".drop-target").forEach((e) => e.classList.remove("drop-target")); });
  const draggedKind = () => dragged?.matches("li.note") ? dragged.dataset.kind : dragged?.querySelector("li.note")?.dataset.kind;
  document.addEventListener("dragover", (event) => {
    const container = event.target.closest?.(".cell__content");
    if (!dragged || !container || container.dataset.kind !== draggedKind()) return;
    event.preventDefault();
    document.querySelectorAll(".drop-target").forEach((e) => e !== container && e.classList.remove("drop-target"));
    container.classList.add("drop-target");
  });
  document.addEventListener("drop", async (event) => {
    const container = event.target.closest?.(".cell__content");
    if (!dragged || !container || container.dataset.kind !== draggedKind()) return;
    event.preventDefault();
    const item = dragged;
    container.classList.remove("drop-target");
    if (item.matches("li.note")) {
      // Dropped on a cluster, the note joins it; dropped elsewhere in a cell, it leaves its cluster.
      const group = event.target.closest(".note-cluster")?.dataset.group ?? "";
      if (container.dataset.cell === item.dataset.cell && (container.dataset.row ?? "") === (item.dataset.row ?? "") && group === item.dataset.group) return;
      await moveTo(item, container, group);
      announce(say("dropped", describe(container)), true);
    } else {
      // A cluster moves as one: every note of it, keeping its title.
      const form = selectionBar.querySelector("form");
      const ids = [...item.querySelectorAll("li.note")].map((card) => card.dataset.id);
      const body = { itemIds: ids, cellKey: container.dataset.cell, group: item.dataset.group, colour: "", tag: "" };
      const result = await send(form, body);
      for (const moved of result?.items ?? []) upsert(moved);
      announce(say("dropped", describe(container)), true);
    }
  });
  // From the keyboard: "Move" picks the card up, the arrow keys choose among the cells that accept it, Enter drops.
  let carrying = null;
  const targets = (card) => [...document.querySelectorAll(`.ws-section[data-section="${CSS.escape(sectionOf(card))}"] .cell__content`)].filter((c) => accepts(c, card));
  const endCarry = (message) => {
    if (!carrying) return;
    carrying.button.setAttribute("aria-pressed", "false");
    carrying.card.classList.remove("is-dragged");
    document.querySelectorAll(".drop-target").forEach((e) => e.classList.remove("drop-target"));
    carrying = null;
    if (message) announce(message, true);
  };
  document.addEventListener("click", (event) => {
    const button = event.target.closest('[data-action="pick-up"]');
    if (!button) return;
    if (carrying?.button === button) { endCarry(say("moveCancelled")); return; }
    endCarry();
    const card = button.closest("li.note");
    const list = targets(card);
    const index = list.findIndex((c) => c.dataset.cell === card.dataset.cell && (c.dataset.row ?? "") === (card.dataset.row ?? ""));
    carrying = { card, button, list, index: Math.max(0, index), start: Math.max(0, index) };
    button.setAttribute("aria-pressed", "true");
    card.classList.add("is-dragged");
    list[carrying.index]?.classList.add("drop-target");
    announce(say("pickedUp", `${card.querySelector('[data-f="text"]')?.textContent ?? ""} (${describe(list[carrying.index])})`), true);
  });
  document.addEventListener("keydown", async (event) => {
    if (!carrying || event.target !== carrying.button) return;
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (step) {
      event.preventDefault();
      carrying.list[carrying.index]?.classList.remove("drop-target");
      carrying.index = (carrying.index + step + carrying.list.length) % carrying.list.length;
      const target = carrying.list[carrying.index];
      target.classList.add("drop-target");
      target.scrollIntoView({ block: "nearest" });
      announce(say("moveTarget", describe(target)), true);
    } else if (event.key === "Escape") {
      event.preventDefault();
      endCarry(say("moveCancelled"));
    } else if (event.key === "Enter") {
      event.preventDefault();
      const { card, list, index, start } = carrying;
      const target = list[index];
      endCarry();
      if (index === start) { announce(say("moveCancelled"), true); return; }
      const result = await moveTo(card, target, "");
      if (result) {
        announce(say("dropped", describe(target)), true);
        document.getElementById(`n-${result.item.id}`)?.querySelector('[data-action="pick-up"]')?.focus();
      }
    }
  });

  // ---- Live: the worksheet's stream ----
  const handlers = new Map();
  let source = null;
  let lastEventId = root.dataset.lastEventId ?? null;
  const on = (type, handler) => handlers.set(type, handler);
  const connect = () => {
    const url = new URL(root.dataset.stream, location.href);
    if (lastEventId !== null) url.searchParams.set("lastEventId", lastEventId);
    source = new EventSource(url);
    source.addEventListener("open", () => { status.textContent = text("textConnected"); status.classList.remove("live-status--lost"); });
    source.addEventListener("error", () => { status.textContent = text("textReconnecting"); status.classList.add("live-status--lost"); });
    for (const [type, handler] of handlers) {
      source.addEventListener(type, (event) => {
        if (event.lastEventId) lastEventId = event.lastEventId;
        handler(event);
      });
    }
  };
  window.addEventListener("offline", () => { source?.close(); status.textContent = text("textReconnecting"); status.classList.add("live-status--lost"); });
  window.addEventListener("online", () => { source?.close(); connect(); });
  // The server could not replay what was missed (too old): the board is read again and the stream starts after it.
  on("reload", async () => {
    source.close();
    resync = true;
    await refreshBoard();
    connect();
  });
  // Access to the worksheet was taken away (removed from the series, deactivated, signed out elsewhere): the stream
  // has ended for good, so the browser must not reconnect; the reason stays on screen where the connection state is.
  on("revoked", () => {
    source.close();
    status.textContent = text("textRevoked");
    status.classList.add("live-status--lost");
    status.setAttribute("role", "alert");
  });

  // A burst of notes is drawn once per frame, however many arrive.
  const pending = [];
  let drawing = false;
  on("item", (event) => {
    pending.push(JSON.parse(event.data));
    if (drawing) return;
    drawing = true;
    requestAnimationFrame(() => {
      drawing = false;
      for (const { item, actorId, actorName } of pending.splice(0)) {
        const before = document.getElementById(`n-${item.id}`)?.dataset.cell;
        upsert(item);
        if (actorId === data.user) continue;
        const where = data.cells[item.cellKey]?.title ?? "";
        if (before && before !== item.cellKey) announce(say("movedBy", actorName, where));
        else announce(text(item.isDeleted ? "textDeleted" : item.version === 1 ? "textAdded" : "textChanged", actorName, where));
      }
    });
  });

  // What the facilitator starts, reveals, opens or closes, and service rows, change the board's shape: the page is
  // read once again and its sections and bar swapped in place, keeping the section shown, focus and unsaved typing.
  let refreshing = null;
  let again = false;
  let resync = false;
  const refreshBoard = async () => {
    if (refreshing) { again = true; return; }
    refreshing = (async () => {
      const response = await fetch(location.pathname + location.search, { credentials: "same-origin" });
      if (!response.ok) return;
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      if (resync) { lastEventId = page.getElementById("worksheet")?.dataset.lastEventId ?? lastEventId; resync = false; }
      const active = document.activeElement;
      const keep = active?.id && (active.tagName === "TEXTAREA" || active.tagName === "INPUT")
        ? { id: active.id, value: active.value, start: active.selectionStart, end: active.selectionEnd } : null;
      const typed = [...document.querySelectorAll("form[data-board='add'] textarea")].filter((t) => t.value).map((t) => [t.id, t.value]);
      for (const selector of [".board-tabs", "#bar-ideation", "#bar-vote", "#board-data"]) {
        const fresh = page.querySelector(selector);
        if (fresh) document.querySelector(selector)?.replaceWith(document.adoptNode(fresh));
      }
      for (const section of page.querySelectorAll(".ws-section[data-section]")) document.getElementById(section.id)?.replaceWith(document.adoptNode(section));
      for (const template of page.querySelectorAll("template[id^='tpl-']")) document.getElementById(template.id)?.replaceWith(document.adoptNode(template));
      data = JSON.parse(document.getElementById("board-data").textContent);
      for (const [id, value] of typed) { const box = document.getElementById(id); if (box) box.value = value; }
      show(current, { remember: false });
      if (keep) {
        const field = document.getElementById(keep.id);
        if (field) { field.value = keep.value; field.focus({ preventScroll: true }); field.setSelectionRange?.(keep.start, keep.end); }
      }
      ideationEndsAt = Date.parse(document.getElementById("bar-ideation")?.dataset.endsAt ?? "") || null;
      for (const card of document.querySelectorAll("li.note")) card.draggable = true;
      updateSelection();
    })();
    await refreshing;
    refreshing = null;
    if (again) { again = false; refreshBoard(); }
  };
  on("row", () => refreshBoard());
  on("ideation", (event) => {
    const ideation = JSON.parse(event.data);
    refreshBoard();
    announce(text("textIdeation"));
    if (ideation.sectionKey && follow.checked) show(ideation.sectionKey, { focus: document.getElementById(`s-${ideation.sectionKey}-title`) });
  });
  let voteSession = root.dataset.voteSession || null;
  let voteOpen = root.dataset.voteOpen === "true";
  on("vote", (event) => {
    const vote = JSON.parse(event.data);
    if (vote.sessionId === voteSession && vote.open === voteOpen) return; // a dot cast: counts stay hidden while open
    voteSession = vote.sessionId;
    voteOpen = vote.open;
    refreshBoard();
    announce(text("textVoteChanged"));
  });

  // Presence: who has this worksheet open, and in which section; one person with several tabs is listed once.
  const connections = new Map();
  const sectionTitle = (key) => (key && document.getElementById(`s-${key}-title`)?.firstChild?.textContent.trim()) || "";
  const renderPresence = () => {
    const people = new Map();
    for (const { userId, name, sectionKey } of connections.values()) {
      const where = sectionTitle(sectionKey);
      if (!people.has(userId) || where) people.set(userId, where ? text("textPresentIn", name, where) : name);
    }
    document.getElementById("presence-list").replaceChildren(...[...people.entries()].map(([user, label]) => {
      const li = document.createElement("li");
      li.dataset.user = user;
      li.textContent = label;
      return li;
    }));
    document.getElementById("presence-count").textContent = people.size;
  };
  on("presence", (event) => {
    const change = JSON.parse(event.data);
    if (change.state === "all") {
      connections.clear();
      for (const p of change.people) connections.set(p.connectionId, p);
    } else if (change.state === "left") connections.delete(change.person.connectionId);
    else connections.set(change.person.connectionId, change.person);
    renderPresence();
  });

  // This page's own connection tells the others which section its reader works in.
  on("ready", (event) => {
    connectionId = JSON.parse(event.data).connectionId;
    reported = null;
    report();
  });
  function report() {
    clearTimeout(reportTimer);
    reportTimer = setTimeout(async () => {
      const section = (boardOn ? current : sectionOf(document.activeElement)) ?? "";
      if (!connectionId || section === reported) return;
      reported = section;
      const body = new URLSearchParams({ connectionId, sectionKey: section === "overview" ? "" : section, __RequestVerificationToken: token() });
      await fetch(handlerUrl("Presence"), { method: "POST", body, credentials: "same-origin" }).catch(() => {});
    }, 1000);
  }
  document.addEventListener("focusin", report);

  // The timer counts down on every screen from the same end time; its last minute and its end are announced, and
  // whoever chose so hears a short tone at the end.
  const display = document.querySelector(".timer__display");
  let endsAt = display?.dataset.endsAt ? Date.parse(display.dataset.endsAt) : null;
  let ideationEndsAt = Date.parse(document.getElementById("bar-ideation")?.dataset.endsAt ?? "") || null;
  let announcedMinute = false;
  const clock = (seconds) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  const sound = document.getElementById("timer-sound");
  sound.checked = localStorage.getItem("digipaja.timerSound") === "on";
  sound.addEventListener("change", () => localStorage.setItem("digipaja.timerSound", sound.checked ? "on" : "off"));
  const beep = () => {
    if (!sound.checked || !window.AudioContext) return;
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    tone.frequency.value = 880;
    tone.connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.6);
  };
  const tick = () => {
    if (display && endsAt !== null) {
      const left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
      display.firstChild.textContent = `${clock(left)} `;
      if (left <= 60 && left > 0 && !announcedMinute) { announcedMinute = true; announce(text("textMinuteLeft")); }
      if (left === 0) { endsAt = null; announce(text("textTimeUp")); beep(); }
    }
    const ideation = document.querySelector("#bar-ideation .bar__countdown");
    if (ideation && ideationEndsAt !== null) {
      const left = Math.max(0, Math.round((ideationEndsAt - Date.now()) / 1000));
      ideation.textContent = clock(left);
      if (left === 0) { ideationEndsAt = null; announce(say("ideationOver")); }
    }
  };
  setInterval(tick, 1000);
  on("timer", (event) => {
    const timer = JSON.parse(event.data);
    endsAt = timer.endsAt ? Date.parse(timer.endsAt) : null;
    announcedMinute = false;
    display.classList.toggle("timer__display--off", endsAt === null && timer.pausedSeconds == null);
    if (timer.pausedSeconds != null) display.firstChild.textContent = `${clock(timer.pausedSeconds)} `;
    else if (endsAt === null) display.firstChild.textContent = "– ";
    tick();
  });

  // "Follow me": whoever follows the facilitator is taken to the section they point at; the choice is remembered.
  const follow = document.getElementById("follow-facilitator");
  follow.closest(".follow-toggle").hidden = false;
  follow.checked = localStorage.getItem(`digipaja.follow.${sheetId}`) === "on";
  follow.addEventListener("change", () => localStorage.setItem(`digipaja.follow.${sheetId}`, follow.checked ? "on" : "off"));
  on("follow", (event) => {
    const { sectionKey, by } = JSON.parse(event.data);
    if (!follow.checked) return;
    const heading = document.getElementById(`s-${sectionKey}-title`);
    if (!heading) return;
    show(sectionKey, { focus: heading });
    announce(text("textFollowed", by, heading.textContent.trim()));
  });
  document.querySelector('[data-action="bring-here"]')?.addEventListener("click", async () => {
    if (!current || current === "overview") return;
    const body = new FormData();
    body.set("sectionKey", current);
    body.set("__RequestVerificationToken", token());
    await post(handlerUrl("Follow"), body);
  });

  for (const card of document.querySelectorAll("li.note")) card.draggable = true;
  connect();
}
