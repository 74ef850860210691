// Keeps a worksheet page live: others' changes appear in place without a reload, and are announced politely.
// Cells are re-rendered by the server (the same partials as the page), so text is escaped in one place only.
const root = document.getElementById("worksheet");

if (root && "EventSource" in window) {
  const me = root.dataset.user;
  const text = (key, ...args) => (root.dataset[key] || "").replace(/\{(\d)\}/g, (_, i) => args[Number(i)] ?? "");
  const announcer = document.getElementById("live-announcer");
  const status = document.getElementById("live-status");
  const alertBox = document.getElementById("live-alert");

  // Announcements: at most one every 4 seconds, summarised when many arrive together.
  const queue = [];
  let flushTimer = null;
  const announce = (message) => {
    queue.push(message);
    flushTimer ??= setTimeout(() => {
      announcer.textContent = queue.length > 3 ? text("textMany", queue.length) : queue.join(" ");
      queue.length = 0;
      flushTimer = null;
    }, 4000);
  };

  const showAlert = (message) => {
    alertBox.querySelector("p").textContent = message;
    alertBox.hidden = false;
  };
  alertBox.querySelector("[data-reload]").addEventListener("click", () => location.reload());

  // A cell the user is working in is not replaced under their hands; it is refreshed when focus leaves it.
  const deferred = new Set();
  const containerFor = (cellKey, rowId) =>
    (rowId && root.ownerDocument.querySelector(`.cell__content[data-cell="${CSS.escape(cellKey)}"][data-row="${CSS.escape(rowId)}"]`))
    || root.ownerDocument.querySelector(`.cell__content[data-cell="${CSS.escape(cellKey)}"]:not([data-row])`);

  const refresh = async (container) => {
    if (!container) return;
    if (container.contains(document.activeElement) || container.querySelector("details[open]")) {
      deferred.add(container);
      return;
    }
    const url = new URL(root.dataset.cellUrl, location.href);
    url.searchParams.set("cellKey", container.dataset.cell);
    if (container.dataset.row) url.searchParams.set("rowId", container.dataset.row);
    const response = await fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } });
    if (response.ok) container.innerHTML = await response.text();
  };

  document.addEventListener("focusout", () => setTimeout(() => {
    for (const container of [...deferred]) {
      if (container.contains(document.activeElement) || container.querySelector("details[open]")) continue;
      deferred.delete(container);
      refresh(container);
    }
  }, 0));
  document.addEventListener("toggle", () => document.dispatchEvent(new Event("focusout")), true);

  // The browser reconnects by itself after a network error, sending Last-Event-ID. A connection that the network
  // dropped silently is not noticed so soon, so going offline closes it and coming back opens a new one that asks
  // for everything after the last event seen.
  const handlers = new Map();
  let source = null;
  let lastEventId = root.dataset.lastEventId ?? null;
  const on = (type, handler) => handlers.set(type, handler);
  const connect = () => {
    const url = new URL(root.dataset.stream, location.href);
    if (lastEventId !== null) url.searchParams.set("lastEventId", lastEventId);
    source = new EventSource(url);
    source.addEventListener("open", () => { status.textContent = text("textConnected"); });
    source.addEventListener("error", () => { status.textContent = text("textReconnecting"); });
    for (const [type, handler] of handlers) {
      source.addEventListener(type, (event) => {
        if (event.lastEventId) lastEventId = event.lastEventId;
        handler(event);
      });
    }
  };
  window.addEventListener("offline", () => { source?.close(); status.textContent = text("textReconnecting"); });
  window.addEventListener("online", () => { source?.close(); connect(); });
  on("reload", () => { source.close(); showAlert(text("textReload")); });
  // Access to the worksheet was taken away (removed from the series, deactivated, signed out elsewhere): the stream
  // has ended for good, so the browser must not reconnect; reloading shows the page the user may now see.
  on("revoked", () => { source.close(); showAlert(text("textRevoked")); });

  on("item", (event) => {
    const { item, actorId, actorName } = JSON.parse(event.data);
    const container = containerFor(item.cellKey, item.rowId);
    refresh(container);
    if (item.kind === "task") refresh(containerFor("development-path"));
    if (actorId === me) return;
    const where = container?.dataset.title ?? "";
    const key = item.isDeleted ? "textDeleted" : item.version === 1 ? "textAdded" : "textChanged";
    announce(text(key, actorName, where));
  });

  on("row", () => showAlert(text("textRows")));
  on("ideation", () => showAlert(text("textIdeation")));

  // Presence: who has this worksheet open, and in which section. The stream starts with everyone present ("all"),
  // then tells who joined, moved or left; one person with several tabs is listed once.
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

  // This page's own connection tells the others which section its reader works in (where focus is).
  let connectionId = null;
  let reported = null;
  let reportTimer = null;
  on("ready", (event) => {
    connectionId = JSON.parse(event.data).connectionId;
    reported = null;
    report();
  });
  const currentSection = () => document.activeElement?.closest?.(".ws-section")?.id.replace(/^s-/, "") ?? "";
  const report = () => {
    clearTimeout(reportTimer);
    reportTimer = setTimeout(async () => {
      const section = currentSection();
      if (!connectionId || section === reported) return;
      reported = section;
      const token = document.querySelector('input[name="__RequestVerificationToken"]')?.value ?? "";
      const body = new URLSearchParams({ connectionId, sectionKey: section, __RequestVerificationToken: token });
      await fetch(`${location.pathname}?handler=Presence`, { method: "POST", body, credentials: "same-origin" }).catch(() => {});
    }, 1000);
  };
  document.addEventListener("focusin", report);

  // The timer counts down on every screen from the same end time; its last minute and its end are announced.
  const display = document.querySelector(".timer__display");
  let endsAt = display?.dataset.endsAt ? Date.parse(display.dataset.endsAt) : null;
  let announcedMinute = false;
  const tick = () => {
    if (!display || endsAt === null) return;
    const left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
    display.firstChild.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")} `;
    if (left <= 60 && left > 0 && !announcedMinute) { announcedMinute = true; announce(text("textMinuteLeft")); }
    if (left === 0) { endsAt = null; announce(text("textTimeUp")); }
  };
  setInterval(tick, 1000);
  on("timer", (event) => {
    const timer = JSON.parse(event.data);
    endsAt = timer.endsAt ? Date.parse(timer.endsAt) : null;
    announcedMinute = false;
    if (timer.pausedSeconds != null) {
      display.firstChild.textContent = `${Math.floor(timer.pausedSeconds / 60)}:${String(timer.pausedSeconds % 60).padStart(2, "0")} `;
    } else if (endsAt === null) {
      display.firstChild.textContent = "–";
    }
    tick();
  });

  // Dot votes: counts change in place; opening or closing a vote changes the buttons, so the page offers a reload.
  let voteSession = root.dataset.voteSession || null;
  let voteOpen = root.dataset.voteOpen === "true";
  on("vote", (event) => {
    const vote = JSON.parse(event.data);
    if (vote.sessionId !== voteSession || vote.open !== voteOpen) showAlert(text("textVoteChanged"));
    voteSession = vote.sessionId;
    voteOpen = vote.open;
    for (const span of document.querySelectorAll("[data-votes-for]")) {
      span.textContent = text("textVotes", vote.counts[span.dataset.votesFor] ?? 0);
    }
  });

  // "Follow me": whoever chose to follow the facilitator is taken to the section they point at.
  const follow = document.getElementById("follow-facilitator");
  follow.closest(".follow-toggle").hidden = false;
  on("follow", (event) => {
    const { sectionKey, by } = JSON.parse(event.data);
    if (!follow.checked) return;
    const heading = document.getElementById(`s-${sectionKey}-title`);
    if (!heading) return;
    heading.scrollIntoView({ block: "start" });
    heading.focus({ preventScroll: true });
    announce(text("textFollowed", by, heading.textContent.trim()));
  });

  connect();
}
