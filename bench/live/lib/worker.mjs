// One load-generator worker (a worker_thread). It owns whole worksheets: every participant of a worksheet lives in
// the same worker, so the sender's clock and the receivers' clocks are the same clock and fan-out-complete latency
// needs no cross-thread time sync.
import http from 'node:http'
import { parentPort, workerData } from 'node:worker_threads'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { Transports, noteText } from './transports.mjs'

// The Yjs providers add a process 'exit' listener each; hundreds per worker are expected here.
process.setMaxListeners(0)
const { index, transport, cfg } = workerData
const Participant = Transports[transport]
if (cfg.writeSockets) cfg.writeAgent = new http.Agent({ keepAlive: true, maxSockets: cfg.writeSockets })

let participants = [] // { p, group }
let groups = []
const counters = { reconnects: 0, reloads: 0, late: 0, pageRequests: 0, presencePosts: 0, pageErrors: 0, firstPageError: null }
// Counted per step (the others are counted from the scenario's start, as before).
const PER_STEP = ['pageRequests', 'presencePosts', 'pageErrors']
let records = new Map() // note id -> edit record of the running step
let stepTag = ''

function onNote (id, receiver) {
  const rec = records.get(id)
  if (!rec) { if (!id.startsWith(stepTag)) counters.late++; return }
  if (receiver === rec.sender) return
  if (rec.seen.has(receiver)) return
  rec.seen.add(receiver)
  const now = performance.now()
  rec.got++
  if (rec.got === rec.expected) rec.done = now
}

// monitorEventLoopDelay samples every LAG_RESOLUTION ms and records the whole interval between samples, so the
// lag is what exceeds the sampling period.
const LAG_RESOLUTION = 1
const lagMs = ns => Math.max(0, ns / 1e6 - LAG_RESOLUTION)

// Seeded PRNG so that runs are repeatable.
function mulberry32 (a) {
  return () => {
    a |= 0; a = a + 0x6D2B79F5 | 0
    let t = Math.imul(a ^ a >>> 15, 1 | a)
    t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t
    return ((t ^ t >>> 14) >>> 0) / 4294967296
  }
}

async function connect ({ groups: gs, joins, startAt, timeoutMs }) {
  // joins: [{ g, m, at }] with `at` ms after startAt (epoch ms, shared by all workers)
  groups = gs.map(g => ({ ...g, members: [] }))
  const results = []
  const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION }); lag.enable()
  const cpu0 = process.cpuUsage()
  const t0 = Date.now()
  await Promise.all(joins.map(j => new Promise(resolve => {
    setTimeout(() => {
      const group = groups[j.g]
      const p = new Participant(cfg, group, group.memberCfg[j.m], onNote, counters)
      group.members.push(p)
      participants.push({ p, group })
      const begun = performance.now()
      p.connect(timeoutMs).then(
        () => { results.push(performance.now() - begun); resolve() },
        e => { results.push(-1); p.failed = String(e.message || e); resolve() })
    }, Math.max(0, startAt + j.at - Date.now()))
  })))
  lag.disable()
  const failures = participants.filter(x => x.p.failed)
  return {
    ready: results.filter(r => r >= 0), failed: failures.length, failure: failures[0]?.p.failed,
    lagP99: lagMs(lag.percentile(99)), lagMax: lagMs(lag.max), wallMs: Date.now() - t0, cpu: process.cpuUsage(cpu0),
    pageRequests: counters.pageRequests, pageErrors: counters.pageErrors, firstPageError: counters.firstPageError,
  }
}

async function load ({ rate, durationMs, drainMs, seed, tag, noteBytes, startAt }) {
  stepTag = tag
  records = new Map()
  const rnd = mulberry32(seed)
  const live = participants.filter(x => !x.p.failed)
  const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION })
  const writeLat = []
  let sent = 0; let writeErrors = 0; let firstWriteError = null; let outstanding = 0; let maxOutstanding = 0
  await new Promise(resolve => setTimeout(resolve, Math.max(0, startAt - Date.now())))
  const atStart = Object.fromEntries(PER_STEP.map(k => [k, counters[k]]))
  lag.enable()
  const start = performance.now()
  const end = start + durationMs
  let next = start + (-Math.log(1 - rnd()) / rate) * 1000
  await new Promise(resolve => {
    if (rate <= 0 || live.length === 0) return setTimeout(resolve, durationMs)
    const tick = () => {
      const now = performance.now()
      while (next <= now && next < end) {
        // Open loop: the edit's time is when it was due, not when the worker got round to it.
        const due = next
        next += (-Math.log(1 - rnd()) / rate) * 1000
        const { p, group } = live[Math.floor(rnd() * live.length)]
        const id = `${tag}.${index}.${sent++}`
        let others = 0
        for (const m of group.members) if (m !== p && !m.failed) others++
        const rec = { t0: due, sender: p, expected: others, got: 0, seen: new Set(), done: others === 0 ? due : 0, failed: false }
        records.set(id, rec)
        outstanding++; if (outstanding > maxOutstanding) maxOutstanding = outstanding
        p.write(id, noteText(id, due, noteBytes)).then(
          () => { outstanding--; writeLat.push(performance.now() - due) },
          e => { outstanding--; rec.failed = true; writeErrors++; firstWriteError ??= String(e.message || e) })
      }
      if (next >= end) return resolve()
      setTimeout(tick, Math.max(0, Math.min(next, end) - performance.now()))
    }
    tick()
  })
  const loadEnd = performance.now()
  lag.disable()
  // Drain: give deliveries of the last edits time to arrive (bounded).
  const drainUntil = performance.now() + drainMs
  while (performance.now() < drainUntil) {
    let open = outstanding
    if (open === 0) for (const rec of records.values()) if (!rec.done && !rec.failed) { open = 1; break }
    if (open === 0) break
    await new Promise(resolve => setTimeout(resolve, 25))
  }
  const fanout = []; let lost = 0; let missing = 0; let deliveries = 0; let expected = 0; let deliveredInWindow = 0
  for (const rec of records.values()) {
    expected += rec.expected
    deliveries += rec.got
    if (rec.done && !rec.failed) {
      fanout.push(rec.done - rec.t0)
      if (rec.done <= loadEnd) deliveredInWindow++
    } else { lost++; missing += rec.expected - rec.got }
  }
  const result = {
    edits: records.size, sent, lost, missing, deliveries, expected, fanout, writeLat, writeErrors, firstWriteError,
    maxOutstanding, stillOutstanding: outstanding, lagP99: lagMs(lag.percentile(99)), lagMax: lagMs(lag.max),
    loadMs: loadEnd - start, drainedMs: performance.now() - loadEnd, ...counters,
    ...Object.fromEntries(PER_STEP.map(k => [k, counters[k] - atStart[k]])),
    presencePostsTotal: counters.presencePosts, pageErrorsTotal: counters.pageErrors,
  }
  records = new Map()
  return result
}

async function close () {
  for (const { p } of participants) { try { p.close() } catch {} }
  participants = []; groups = []
  cfg.writeAgent?.destroy()
  if (cfg.writeSockets) cfg.writeAgent = new http.Agent({ keepAlive: true, maxSockets: cfg.writeSockets })
  return { closed: true }
}

const handlers = { connect, load, close }
parentPort.on('message', async msg => {
  try {
    const result = await handlers[msg.type](msg)
    parentPort.postMessage({ id: msg.id, result })
  } catch (e) {
    parentPort.postMessage({ id: msg.id, error: String(e.stack || e) })
  }
})
