// The only part of the load generator that differs between the servers: how a participant joins a worksheet,
// writes a note and hears about the notes of others. Everything else (who joins when, when edits happen,
// what is counted) is the same code for all three.
//
//   participant.connect()        resolves when the participant is live (Digipaja: the SSE "ready" event;
//                                Yjs: the provider reports the document synced)
//   participant.write(id, text)  resolves when the write is accepted (Digipaja: 201 from the API;
//                                Yjs: applied to the local document and handed to the socket)
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
  hocuspocus: HocuspocusParticipant,
  ywebsocket: YWebsocketParticipant,
}
