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

  // Presence: who has this worksheet open.
  const presence = new Map([...document.querySelectorAll("#presence-list li")].map((li) => [li.dataset.user, { name: li.textContent, count: 1 }]));
  const renderPresence = () => {
    const list = document.getElementById("presence-list");
    list.replaceChildren(...[...presence.entries()].map(([user, p]) => {
      const li = document.createElement("li");
      li.dataset.user = user;
      li.textContent = p.name;
      return li;
    }));
  };
  const connections = new Map();
  on("presence", (event) => {
    const change = JSON.parse(event.data);
    const { connectionId, userId, name } = change.person;
    if (change.state === "left") connections.delete(connectionId); else connections.set(connectionId, { userId, name });
    presence.clear();
    for (const { userId: u, name: n } of connections.values()) presence.set(u, { name: n });
    renderPresence();
  });

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
