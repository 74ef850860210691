// The only part of the load generator that differs between the servers: how a participant joins a worksheet,
// writes a note and hears about the notes of others. Everything else (who joins when, when edits happen,
// what is counted) is the same code for all of them.
//
//   participant.connect()        resolves when the participant is live (Digipaja: the SSE "ready" event;
//                                Yjs: the provider reports the document synced)
//   participant.write(id, text)  resolves when the write is accepted (Digipaja: 201 from the API, or the page's
//                                Add handler's 200 JSON; Yjs: applied to the local document and handed to the socket)
//   onNote(id, participant)      called when a note written by someone else arrives (Digipaja: an "item" SSE
//                                event carrying the note; Yjs: a remote Y.Map entry applied to the local doc)
import http from 'node:http'
import WebSocket from 'ws'
import * as Y from 'yjs'

const MARK = 'bench:'

function noteIdOf (text) {
  const at = text.indexOf(MARK)
  if (at < 0) return null
  const end = text.indexOf(':', at + MARK.length)
  return end < 0 ? null : text.slice(at + MARK.length, end)
}

export function noteText (id, t0, bytes) {
  const head = `${MARK}${id}:${t0.toFixed(3)}:`
  return head + 'x'.repeat(Math.max(0, bytes - head.length))
}

// ---------------------------------------------------------------- Digipaja: SSE stream + REST writes

export class DigipajaParticipant {
  constructor (cfg, group, member, onNote, counters) {
    const u = new URL(cfg.url)
    this.host = u.hostname; this.port = Number(u.port)
    this.sheet = group.sheet; this.token = member.token; this.cellKey = cfg.cellKey
    this.onNote = onNote; this.counters = counters
    this.writeAgent = cfg.writeAgent
    this.lastId = null; this.closing = false; this.req = null; this.buf = ''
  }

  connect (timeoutMs = 30000) {
    return new Promise((resolve, reject) => {
      this.readyWaiter = { resolve, reject }
      this.timer = setTimeout(() => { this.readyWaiter = null; reject(new Error('ready timeout')) }, timeoutMs)
      this.open()
    })
  }

  open () {
    const headers = { authorization: `Bearer ${this.token}`, accept: 'text/event-stream' }
    if (this.lastId !== null) headers['last-event-id'] = String(this.lastId)
    const req = http.request({ host: this.host, port: this.port, path: `/api/v1/worksheets/${this.sheet}/events`, headers, agent: false })
    this.req = req
    req.on('response', res => {
      if (res.statusCode !== 200) {
        res.resume()
        this.fail(new Error(`events answered ${res.statusCode}`))
        return
      }
      res.setEncoding('utf8')
      res.on('data', chunk => this.feed(chunk))
      res.on('close', () => this.dropped())
    })
    req.on('error', e => this.fail(e))
    req.end()
  }

  fail (e) {
    if (this.readyWaiter) { clearTimeout(this.timer); this.readyWaiter.reject(e); this.readyWaiter = null; return }
    this.dropped()
  }

  dropped () {
    if (this.closing || this.reopening) return
    // A real client reconnects with Last-Event-ID and catches up; so does this one.
    this.counters.reconnects++
    this.reopening = true
    setTimeout(() => { this.reopening = false; if (!this.closing) { this.buf = ''; this.open() } }, 250)
  }

  feed (chunk) {
    this.buf += chunk
    let i
    while ((i = this.buf.indexOf('\n\n')) >= 0) {
      const block = this.buf.slice(0, i)
      this.buf = this.buf.slice(i + 2)
      this.event(block)
    }
  }

  event (block) {
    let type = 'message'; let data = ''; let id = null
    for (const line of block.split('\n')) {
      if (line.startsWith('data:')) data += line.slice(line[5] === ' ' ? 6 : 5)
      else if (line.startsWith('event:')) type = line.slice(line[6] === ' ' ? 7 : 6)
      else if (line.startsWith('id:')) id = Number(line.slice(3))
    }
    if (id !== null) {
      if (this.lastId !== null && id <= this.lastId) return // replay overlap: each number once
      this.lastId = id
    }
    if (type === 'ready') {
      if (this.lastId === null) this.lastId = JSON.parse(data).lastEventId
      if (this.readyWaiter) { clearTimeout(this.timer); this.readyWaiter.resolve(); this.readyWaiter = null }
    } else if (type === 'item') {
      const note = noteIdOf(data)
      if (note) this.onNote(note, this)
    } else if (type === 'reload') {
      this.counters.reloads++
      this.lastId = null
    }
  }

  write (id, text) {
    const body = JSON.stringify({ cellKey: this.cellKey, text })
    return new Promise((resolve, reject) => {
      const req = http.request({
        host: this.host, port: this.port, method: 'POST', path: `/api/v1/worksheets/${this.sheet}/notes`, agent: this.writeAgent,
        headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      }, res => {
        res.resume()
        res.on('end', () => res.statusCode === 201 ? resolve() : reject(new Error(`write answered ${res.statusCode}`)))
      })
      req.on('error', reject)
      req.end(body)
    })
  }

  close () {
    this.closing = true
    clearTimeout(this.timer)
    this.req?.destroy()
  }
}

// ---------------------------------------------------------------- Digipaja: the worksheet page's own client

// What board.js (src/Digipaja.Web/wwwroot/js/board.js) does over the network, and nothing else: the page is loaded
// once with the user's sign-in cookie, the page's stream (/Worksheets/{id}/events, cookie-authenticated) is opened
// from the page's data-last-event-id, "ready" is answered by one presence POST (board.js reports the section shown a
// second later), notes are written by posting the cell's add form with fetch (multipart FormData, X-Requested-With:
// fetch, 200 {item}), and per event it asks the server for exactly what the page asks for:
//   item      nothing (drawn from the cell's <template>), except a note in the development path or a task on a sheet
//             with a path, which re-reads that cell (?handler=Cell&cellKey=development-path)
//   row, ideation, a vote opened or closed (not a dot cast)     the page is read again (coalesced, as refreshBoard)
//   reload    the stream is closed, the page read again and the stream opened again from the last event seen
//   revoked   the stream ends for good
// The sign-in cookies of a user are shared by all that user's participants in a worker (tabs of one browser).

const jars = new Map() // user -> Map(cookie name -> value), per worker thread

const decode = s => s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e) =>
  e[0] === '#' ? String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
    : { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e.toLowerCase()])
const attr = (tag, name) => { const m = tag.match(new RegExp(`\\s${name}="([^"]*)"`)); return m ? decode(m[1]) : null }

/** The fields a browser's FormData takes from a form: named inputs (checked boxes only), selects and textareas. */
function formFields (html) {
  const fields = []
  for (const m of html.matchAll(/<input\b[^>]*>|<select\b[^>]*>[\s\S]*?<\/select>|<textarea\b[^>]*>[\s\S]*?<\/textarea>/g)) {
    const tag = m[0]; const open = tag.slice(0, tag.indexOf('>') + 1); const name = attr(open, 'name')
    if (!name || /\sdisabled[\s=>]/.test(open)) continue
    if (tag.startsWith('<input')) {
      const type = (attr(open, 'type') || 'text').toLowerCase()
      if (['submit', 'button', 'image', 'reset', 'file'].includes(type)) continue
      if ((type === 'checkbox' || type === 'radio') && !/\schecked[\s=>]/.test(open)) continue
      fields.push([name, attr(open, 'value') ?? (type === 'checkbox' ? 'on' : '')])
    } else if (tag.startsWith('<select')) {
      const options = [...tag.matchAll(/<option\b[^>]*>([^<]*)/g)]
      const chosen = options.find(o => /\sselected[\s=>]/.test(o[0])) ?? options[0]
      if (chosen) fields.push([name, attr(chosen[0], 'value') ?? decode(chosen[1])])
    } else fields.push([name, decode(tag.slice(open.length, tag.lastIndexOf('<')))])
  }
  return fields
}

/** What the page's script reads from the page it came with. */
export function readPage (html, cellKey) {
  const panel = html.match(/<div\b[^>]*id="worksheet"[^>]*>/)?.[0]
  if (!panel) throw new Error('no live panel (#worksheet) on the page')
  const data = JSON.parse(html.match(/<script type="application\/json" id="board-data">([\s\S]*?)<\/script>/)[1])
  const sections = [...html.matchAll(/<section\b[^>]*class="ws-section[^"]*"[^>]*>/g)].map(m => attr(m[0], 'data-section')).filter(Boolean)
  let add = null
  for (const m of html.matchAll(/<form\b[^>]*data-board="add"[^>]*>([\s\S]*?)<\/form>/g)) {
    const fields = formFields(m[1])
    // The cell's own form, not one of a service row's (those carry the row as a hidden field).
    if (fields.some(([k, v]) => k === 'Input.CellKey' && v === cellKey) && !/<input type="hidden" name="Input.RowId"/.test(m[1])) {
      add = { action: attr(m[0].slice(0, m[0].indexOf('>') + 1), 'action'), fields }
      break
    }
  }
  if (!add) throw new Error(`no add form for ${cellKey} on the page`)
  const last = attr(panel, 'data-last-event-id')
  return {
    stream: attr(panel, 'data-stream'), cellUrl: attr(panel, 'data-cell-url'), lastEventId: last === '' || last === null ? null : last,
    voteSession: attr(panel, 'data-vote-session') || null, voteOpen: attr(panel, 'data-vote-open') === 'true',
    token: add.fields.find(([k]) => k === '__RequestVerificationToken')?.[1] ?? '', add, data,
    // board.js shows the section remembered for the tab, else the first one after the overview.
    section: sections[1] ?? '',
  }
}

function multipart (fields) {
  const boundary = `----DigipajaBench${Math.random().toString(16).slice(2)}`
  const parts = fields.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
  return { type: `multipart/form-data; boundary=${boundary}`, body: Buffer.from(parts.join('') + `--${boundary}--\r\n`) }
}

export class DigipajaPageParticipant extends DigipajaParticipant {
  constructor (cfg, group, member, onNote, counters) {
    super(cfg, group, member, onNote, counters)
    if (!jars.has(member.user)) jars.set(member.user, new Map(member.cookies))
    this.jar = jars.get(member.user)
    this.refreshing = null; this.again = false
    counters.pageRequests ??= 0; counters.presencePosts ??= 0; counters.pageErrors ??= 0; counters.firstPageError ??= null
  }

  cookie () { return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ') }

  keep (res) {
    for (const c of res.headers['set-cookie'] ?? []) {
      const [pair] = c.split(';'); const i = pair.indexOf('=')
      this.jar.set(pair.slice(0, i).trim(), pair.slice(i + 1))
    }
  }

  /** One request as the page's fetch makes it: the cookies of the user, the keep-alive pool of the worker. */
  request (method, path, { headers = {}, body } = {}) {
    return new Promise((resolve, reject) => {
      const req = http.request({
        host: this.host, port: this.port, method, path, agent: this.writeAgent,
        headers: { cookie: this.cookie(), ...headers, ...(body ? { 'content-length': body.length } : {}) },
      }, res => {
        this.keep(res)
        const chunks = []
        res.on('data', c => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }))
        res.on('error', reject)
      })
      req.on('error', reject)
      req.end(body)
    })
  }

  pageFailed (what, e) {
    this.counters.pageErrors++
    this.counters.firstPageError ??= `${what}: ${e.message || e}`
  }

  async loadPage () {
    this.counters.pageRequests++
    const res = await this.request('GET', `/Worksheets/${this.sheet}`, { headers: { accept: 'text/html' } })
    if (res.status !== 200) throw new Error(`the page answered ${res.status}`)
    this.page = readPage(res.text, this.cellKey)
  }

  connect (timeoutMs = 30000) {
    return new Promise((resolve, reject) => {
      this.readyWaiter = { resolve, reject }
      this.timer = setTimeout(() => { this.readyWaiter = null; reject(new Error('ready timeout')) }, timeoutMs)
      this.loadPage().then(() => { this.lastId = this.page.lastEventId === null ? null : Number(this.page.lastEventId); this.open() }, e => this.fail(e))
    })
  }

  open () {
    // EventSource: the page's stream URL with lastEventId, then (when the browser reconnects) Last-Event-ID.
    const url = new URL(this.page.stream, 'http://page')
    if (this.lastId !== null) url.searchParams.set('lastEventId', String(this.lastId))
    const headers = { cookie: this.cookie(), accept: 'text/event-stream', 'cache-control': 'no-cache' }
    if (this.lastId !== null) headers['last-event-id'] = String(this.lastId)
    const req = http.request({ host: this.host, port: this.port, path: url.pathname + url.search, headers, agent: false })
    this.req = req
    req.on('response', res => {
      if (res.statusCode !== 200) {
        res.resume()
        this.fail(new Error(`events answered ${res.statusCode}`))
        return
      }
      res.setEncoding('utf8')
      res.on('data', chunk => this.feed(chunk))
      res.on('close', () => { if (this.req === req) this.dropped() })
    })
    req.on('error', e => { if (this.req === req) this.fail(e) })
    req.end()
  }

  event (block) {
    let type = 'message'; let data = ''; let id = null
    for (const line of block.split('\n')) {
      if (line.startsWith('data:')) data += line.slice(line[5] === ' ' ? 6 : 5)
      else if (line.startsWith('event:')) type = line.slice(line[6] === ' ' ? 7 : 6)
      else if (line.startsWith('id:')) id = Number(line.slice(3))
    }
    if (id !== null) {
      if (this.lastId !== null && id <= this.lastId) return
      this.lastId = id
    }
    switch (type) {
      case 'ready': {
        const ready = JSON.parse(data)
        const connectionId = ready.connectionId
        if (this.lastId === null) this.lastId = ready.lastEventId
        if (this.readyWaiter) { clearTimeout(this.timer); this.readyWaiter.resolve(); this.readyWaiter = null }
        // board.js: report() a second after "ready", once per connection.
        clearTimeout(this.reportTimer)
        this.reportTimer = setTimeout(() => this.presence(connectionId), 1000)
        break
      }
      case 'item': {
        const note = noteIdOf(data)
        if (note) this.onNote(note, this)
        const { item } = JSON.parse(data)
        const cells = this.page.data.cells
        const path = Object.keys(cells).filter(k => cells[k].kind === 'Path')
        if (path.includes(item.cellKey) || (item.kind === 'task' && path.length)) this.refreshCell('development-path')
        break
      }
      case 'row': case 'ideation': this.refreshBoard(); break
      case 'vote': {
        const vote = JSON.parse(data)
        if (vote.sessionId === this.page.voteSession && vote.open === this.page.voteOpen) break
        this.page.voteSession = vote.sessionId; this.page.voteOpen = vote.open
        this.refreshBoard()
        break
      }
      case 'reload': {
        // The stream has ended: the page is read again and the stream opened again. (board.js reconnects at once with
        // the number it had, which the server answers with "reload" again while those events stay gone; this client
        // starts from the re-read page's number instead, so that a reload is one page read, not a loop.)
        this.counters.reloads++
        const old = this.req; this.req = null; old?.destroy()
        this.buf = ''
        this.loadPage().then(() => { this.lastId = Number(this.page.lastEventId); if (!this.closing) this.open() },
          e => { this.pageFailed('page', e); this.dropped() })
        break
      }
      case 'revoked':
        this.counters.pageErrors++
        this.counters.firstPageError ??= `stream revoked: ${data}`
        this.closing = true
        { const old = this.req; this.req = null; old?.destroy() }
        break
    }
  }

  presence (connectionId) {
    if (this.closing) return
    this.counters.presencePosts++
    const body = Buffer.from(new URLSearchParams({ connectionId, sectionKey: this.page.section === 'overview' ? '' : this.page.section, __RequestVerificationToken: this.page.token }).toString())
    this.request('POST', `/Worksheets/${this.sheet}?handler=Presence`, { headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' }, body })
      .then(r => { if (r.status >= 300) this.pageFailed('presence', new Error(`answered ${r.status}`)) }, e => this.pageFailed('presence', e))
  }

  refreshCell (cellKey) {
    this.counters.pageRequests++
    const url = new URL(this.page.cellUrl, 'http://page'); url.searchParams.set('cellKey', cellKey)
    this.request('GET', url.pathname + url.search, { headers: { 'x-requested-with': 'fetch' } })
      .then(r => { if (r.status !== 200) this.pageFailed('cell', new Error(`answered ${r.status}`)) }, e => this.pageFailed('cell', e))
  }

  async refreshBoard () {
    if (this.refreshing) { this.again = true; return }
    this.refreshing = this.loadPage().catch(e => this.pageFailed('page', e))
    await this.refreshing
    this.refreshing = null
    if (this.again) { this.again = false; this.refreshBoard() }
  }

  async write (id, text) {
    const fields = this.page.add.fields.map(([k, v]) => [k, k === 'Input.Text' ? text : v])
    const { type, body } = multipart(fields)
    const res = await this.request('POST', this.page.add.action, { headers: { 'content-type': type, 'x-requested-with': 'fetch', accept: '*/*' }, body })
    if (res.status !== 200) throw new Error(`write answered ${res.status}`)
    if (!JSON.parse(res.text).item) throw new Error('write answered without the item')
  }

  close () {
    clearTimeout(this.reportTimer)
    super.close()
  }
}

// ---------------------------------------------------------------- Yjs peers: one Y.Doc per worksheet

class YjsParticipant {
  constructor (cfg, group, member, onNote, counters) {
    this.cfg = cfg; this.docName = group.doc; this.onNote = onNote; this.counters = counters
    this.doc = new Y.Doc()
    this.notes = this.doc.getMap('notes')
    this.notes.observe((event, tr) => {
      if (tr.local) return
      for (const key of event.keysChanged) this.onNote(key, this)
    })
  }

  connect (timeoutMs = 30000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('sync timeout')), timeoutMs)
      this.start(() => { clearTimeout(timer); resolve() })
    })
  }

  write (id, text) {
    this.notes.set(id, text) // the provider sends the update from the document's update event, synchronously
    return Promise.resolve()
  }
}

export class HocuspocusParticipant extends YjsParticipant {
  async start (synced) {
    const { HocuspocusProvider } = await import('@hocuspocus/provider')
    let done = false
    this.provider = new HocuspocusProvider({
      url: this.cfg.url, name: this.docName, document: this.doc, token: 'bench', WebSocketPolyfill: WebSocket,
      onSynced: () => { if (!done) { done = true; synced() } },
      onDisconnect: () => { if (!this.closing) this.counters.reconnects++ },
    })
  }

  close () {
    this.closing = true
    this.provider?.destroy()
    this.doc.destroy()
  }
}

export class YWebsocketParticipant extends YjsParticipant {
  async start (synced) {
    const { WebsocketProvider } = await import('y-websocket')
    let done = false
    this.provider = new WebsocketProvider(this.cfg.url, this.docName, this.doc, { WebSocketPolyfill: WebSocket, disableBc: true })
    this.provider.on('sync', isSynced => { if (isSynced && !done) { done = true; synced() } })
    this.provider.on('connection-close', () => { if (!this.closing) this.counters.reconnects++ })
  }

  close () {
    this.closing = true
    this.provider?.destroy()
    this.doc.destroy()
  }
}

export const Transports = {
  digipaja: DigipajaParticipant,
  'digipaja-page': DigipajaPageParticipant,
  hocuspocus: HocuspocusParticipant,
  ywebsocket: YWebsocketParticipant,
}
