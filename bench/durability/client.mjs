// The client of the kill -9 durability run (kill9.sh), through the public API only, to 127.0.0.1 only. No packages.
//
//   node client.mjs setup  --base URL --state FILE [--sheets 2]
//       a bearer token for the demo facilitator, one workshop series, the first `sheets` functionality worksheets
//   node client.mjs write  --state FILE --round N --writers 16 --seconds 20 --acks FILE --unknown FILE
//       `writers` concurrent writers, each posting notes with unique texts one after another; every note answered
//       201 is appended to `acks` (round, worksheet, id, text) the moment its answer arrives, every note whose
//       request may have reached the server without an answer (connection reset, time-out, 5xx) to `unknown`.
//       A writer stops at its deadline or after 2 s without a success (the app or its database is gone).
//   node client.mjs check  --state FILE --acks FILE --unknown FILE --round N
//       reads every worksheet back (GET /api/v1/worksheets/{id}) and its live stream from the start
//       (GET /api/v1/worksheets/{id}/events with Last-Event-ID: 0): every acknowledged note must be on the
//       worksheet with its text, and the stream must replay event numbers 1..its ready event's lastEventId with no
//       gap, with an item event for every acknowledged note.
// Every loop is bounded by a count or a deadline; every request has a time-out.
import fs from 'node:fs'
import http from 'node:http'

const args = Object.fromEntries(process.argv.slice(3).reduce((pairs, a, i, all) => {
  if (a.startsWith('--')) pairs.push([a.slice(2), all[i + 1]])
  return pairs
}, []))
const PASSWORD = process.env.DEMO_PASSWORD || 'Digipaja-demo-2026'
const FACILITATOR = 'facilitator@lansi-uusimaa.demo'
const CELL = 'customer-value'
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

function request (base, method, path, { token, json, agent, timeoutMs = 15000 } = {}) {
  const url = new URL(path, base)
  if (url.hostname !== '127.0.0.1') throw new Error(`only 127.0.0.1, not ${url.hostname}`)
  const body = json === undefined ? null : JSON.stringify(json)
  const headers = {}
  if (token) headers.authorization = `Bearer ${token}`
  if (body !== null) { headers['content-type'] = 'application/json'; headers['content-length'] = Buffer.byteLength(body) }
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path: url.pathname + url.search, headers, agent }, res => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', c => { text += c })
      res.on('end', () => resolve({ status: res.statusCode, text }))
      res.on('error', reject)
    })
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('time-out'), { code: 'TIMEOUT' })))
    req.on('error', reject)
    req.end(body ?? undefined)
  })
}

async function token (base) {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const res = await request(base, 'POST', '/api/v1/tokens', { json: { email: FACILITATOR, password: PASSWORD } })
      if (res.status === 200) return JSON.parse(res.text).token
    } catch { /* the app is still starting */ }
    await sleep(500)
  }
  throw new Error('no token for the facilitator')
}

async function setup () {
  const base = args.base
  const t = await token(base)
  const org = JSON.parse((await request(base, 'GET', '/api/v1/organisation', { token: t })).text)
  const line = org.serviceAreas.flatMap(a => a.serviceLines)[0].id
  const res = await request(base, 'POST', '/api/v1/workshop-series', {
    token: t, json: { serviceLineIds: [line], functionalityKeys: ['chat', 'messages', 'forms'], name: `Durability ${Date.now().toString(36)}` },
  })
  if (res.status !== 201) throw new Error(`creating a series answered ${res.status} ${res.text}`)
  const series = JSON.parse(res.text)
  const sheets = series.worksheets.filter(w => w.functionalityKey).map(w => w.id).slice(0, Number(args.sheets ?? 2))
  fs.writeFileSync(args.state, JSON.stringify({ base, token: t, series: series.id, sheets, cellKey: CELL, run: Date.now().toString(36) }, null, 1))
  console.log(JSON.stringify({ series: series.id, sheets }))
}

// Answers that mean the request certainly did not reach the app, so the note cannot have been written.
const NOT_SENT = new Set(['ECONNREFUSED', 'EADDRNOTAVAIL'])

async function write () {
  const state = JSON.parse(fs.readFileSync(args.state, 'utf8'))
  const round = Number(args.round); const writers = Number(args.writers ?? 16); const seconds = Number(args.seconds ?? 20)
  const acks = fs.openSync(args.acks, 'a'); const unknown = fs.openSync(args.unknown, 'a')
  const deadline = Date.now() + seconds * 1000
  const counts = { acknowledged: 0, unknown: 0, refused: 0, failed: 0, statuses: {} }
  const started = Date.now()
  let lastAck = 0
  await Promise.all(Array.from({ length: writers }, async (_, w) => {
    const sheet = state.sheets[w % state.sheets.length]
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    let lastSuccess = Date.now()
    for (let i = 0; i < 1_000_000 && Date.now() < deadline && Date.now() - lastSuccess < 2000; i++) {
      const text = `kill9 ${state.run} r${round} w${w} n${i}`
      try {
        const res = await request(state.base, 'POST', `/api/v1/worksheets/${sheet}/notes`, { token: state.token, json: { cellKey: state.cellKey, text }, agent })
        if (res.status === 201) {
          const id = JSON.parse(res.text).id
          fs.writeSync(acks, `${round}\t${sheet}\t${id}\t${text}\n`)
          counts.acknowledged++; lastSuccess = Date.now(); lastAck = lastSuccess - started
        } else {
          counts.failed++; counts.statuses[res.status] = (counts.statuses[res.status] ?? 0) + 1
          // A 5xx may come after the commit (its answer lost on the way): not acknowledged, but possibly written.
          if (res.status >= 500) fs.writeSync(unknown, `${round}\t${sheet}\t${res.status}\t${text}\n`)
          await sleep(50)
        }
      } catch (e) {
        if (NOT_SENT.has(e.code)) counts.refused++
        else { counts.unknown++; fs.writeSync(unknown, `${round}\t${sheet}\t${e.code ?? e.message}\t${text}\n`) }
        await sleep(50)
      }
    }
    agent.destroy()
  }))
  fs.closeSync(acks); fs.closeSync(unknown)
  console.log(JSON.stringify({ round, writers, ...counts, lastAckMs: lastAck, ms: Date.now() - started }))
}

// The live stream from the start: event numbers and the item ids of the item events, up to the ready event's lastEventId.
function replay (base, t, sheet, timeoutMs = 120000) {
  const url = new URL(`/api/v1/worksheets/${sheet}/events`, base)
  return new Promise((resolve, reject) => {
    const seqs = []; const itemIds = new Set(); let until = null; let buf = ''; let done = false
    const finish = (req, err) => {
      if (done) return
      done = true; clearTimeout(timer); req.destroy()
      if (err) reject(err); else resolve({ until, seqs, itemIds })
    }
    const req = http.request({
      host: url.hostname, port: url.port, path: url.pathname, headers: { authorization: `Bearer ${t}`, 'last-event-id': '0', accept: 'text/event-stream' },
    }, res => {
      if (res.statusCode !== 200) return finish(req, new Error(`events answered ${res.statusCode}`))
      res.setEncoding('utf8')
      res.on('data', chunk => {
        buf += chunk
        let i
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i); buf = buf.slice(i + 2)
          let type = 'message'; let data = ''; let id = null
          for (const line of block.split('\n')) {
            if (line.startsWith('data:')) data += line.slice(line[5] === ' ' ? 6 : 5)
            else if (line.startsWith('event:')) type = line.slice(line[6] === ' ' ? 7 : 6)
            else if (line.startsWith('id:')) id = Number(line.slice(3))
          }
          if (type === 'reload') return finish(req, new Error('the stream answered reload: events from 1 are not all kept'))
          if (type === 'ready') until = JSON.parse(data).lastEventId
          if (id !== null) {
            seqs.push(id)
            if (type === 'item') { const p = JSON.parse(data); const itemId = p.id ?? p.item?.id; if (itemId) itemIds.add(itemId) }
          }
          // The missed events come right after "ready", all before the first live one can.
          if (until !== null && (until === 0 || (seqs.length && seqs[seqs.length - 1] >= until))) return finish(req)
        }
      })
      res.on('end', () => finish(req, new Error('the stream ended before its replay did')))
    })
    const timer = setTimeout(() => finish(req, new Error('time-out reading the stream')), timeoutMs)
    req.on('error', e => finish(req, e))
    req.end()
  })
}

async function check () {
  const state = JSON.parse(fs.readFileSync(args.state, 'utf8'))
  const round = Number(args.round)
  const lines = f => fs.existsSync(f) ? fs.readFileSync(f, 'utf8').split('\n').filter(Boolean).map(l => l.split('\t')) : []
  const acked = lines(args.acks).map(([r, sheet, id, text]) => ({ round: Number(r), sheet, id, text }))
  const unknown = lines(args.unknown).map(([r, sheet, , text]) => ({ round: Number(r), sheet, text }))
  const t = await token(state.base) // a new token: the stored one is still good, but a token issued after the restart is the real test of sign-in
  const result = { round, acknowledged: acked.length, acknowledgedThisRound: acked.filter(a => a.round === round).length, found: 0, missing: 0,
    changed: 0, duplicates: 0, unknownOutcome: unknown.filter(u => u.round === round).length, unknownFound: 0, notesOnSheets: 0,
    events: 0, gaps: 0, itemsWithoutEvent: 0, missingSamples: [] }
  for (const sheet of state.sheets) {
    const res = await request(state.base, 'GET', `/api/v1/worksheets/${sheet}`, { token: t, timeoutMs: 60000 })
    if (res.status !== 200) throw new Error(`reading worksheet ${sheet} answered ${res.status}`)
    const items = JSON.parse(res.text).items.filter(i => i.text?.startsWith(`kill9 ${state.run} `))
    result.notesOnSheets += items.length
    const byId = new Map(items.map(i => [i.id, i]))
    const byText = new Map()
    for (const i of items) byText.set(i.text, (byText.get(i.text) ?? 0) + 1)
    for (const n of byText.values()) if (n > 1) result.duplicates += n - 1
    const stream = await replay(state.base, t, sheet)
    result.events += stream.seqs.length
    // Every number from 1 to the last committed one, each once, in order.
    let expect = 1
    for (const s of stream.seqs) { if (s !== expect) result.gaps += Math.abs(s - expect) || 1; expect = s + 1 }
    if (stream.until !== null && expect - 1 < stream.until) result.gaps += stream.until - (expect - 1)
    for (const a of acked.filter(a => a.sheet === sheet)) {
      const item = byId.get(a.id)
      if (!item) { result.missing++; if (result.missingSamples.length < 5) result.missingSamples.push(a) } else if (item.text !== a.text) result.changed++
      else result.found++
      if (!stream.itemIds.has(a.id)) result.itemsWithoutEvent++
    }
    for (const u of unknown.filter(u => u.sheet === sheet && u.round === round)) if (byText.has(u.text)) result.unknownFound++
  }
  console.log(JSON.stringify(result))
}

const commands = { setup, write, check }
if (!commands[process.argv[2]]) { console.error('usage: client.mjs setup|write|check ...'); process.exit(2) }
commands[process.argv[2]]().catch(e => { console.error(`client.mjs ${process.argv[2]}: ${e.stack ?? e}`); process.exit(1) })
