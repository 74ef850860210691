// Live worksheet fan-out benchmark: drives Digipaja (through its API, and as the worksheet page does), Hocuspocus and
// y-websocket with the same workshop workload.
// Started by run.sh (which starts the servers and pins this process to the client core); see docs/benchmarks.md.
//
//   node bench.mjs --servers servers.json --out results/ [--quick] [--workers 4] [--only digipaja,digipaja-page,hocuspocus]
//                  [--scenarios c2000] [--rates 150,200|natural] [--step-ms 60000] [--sheet-size 12] [--repeat 3]
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { setupDigipaja } from './lib/setup-digipaja.mjs'

const args = process.argv.slice(2)
const arg = (name, fallback) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : fallback }
const quick = args.includes('--quick')
const servers = args.includes('--resummarise') ? [] : JSON.parse(fs.readFileSync(arg('servers'), 'utf8'))
const outDir = arg('out', 'results')
const workerCount = Number(arg('workers', 4))
const only = arg('only', null)?.split(',')
const users = Number(arg('users', quick ? 24 : 40))
const NOTE_BYTES = 150
const RATE_PER_PARTICIPANT = 0.2
const BUSY_RETRIES = Number(arg('busy-retries', 1))
const BUSY_RETRY_WAIT_MS = 10000
const LIMITS = { p99Ms: 100, clientLagP99Ms: 10, clientCpu: 0.70, foreignCpu: 15 }
// --repeat N runs the whole sweep N times (the servers in turn each time) and summarises the medians and spreads.
const REPEAT = Math.max(1, Number(arg('repeat', 1)))
const isDigipaja = kind => kind === 'digipaja' || kind === 'digipaja-page'

// ------------------------------------------------------------------ the workload

const FULL = {
  stepMs: 15000, drainMs: 5000, idleMs: 5000,
  scenarios: [
    // The issue's sweep is 100–2,000 edits/s; the rungs below 100 find where a slower server still passes.
    { id: 'c2000', connections: 2000, sizes: [10, 10], joinMs: 10000, storm: true, rates: [50, 100, 200, 400, 800, 1200, 2000], refine: true },
    { id: 'c1000', connections: 1000, sizes: [10, 10], joinMs: 5000, rates: [50, 100, 200, 400, 800, 1200, 2000], refine: true },
    { id: 'c500', connections: 500, sizes: [10, 10], joinMs: 3000, rates: [25, 50, 100, 200, 400], refine: true },
    { id: 'mix1000', connections: 1000, sizes: [3, 12], joinMs: 5000, rates: [50, 100, 200, 400] },
  ],
}
const QUICK = {
  stepMs: 6000, drainMs: 3000, idleMs: 3000,
  scenarios: [
    { id: 'c500', connections: 500, sizes: [10, 10], joinMs: 5000, storm: true, rates: [50, 100, 200] },
  ],
}
const plan = quick ? QUICK : FULL
// --scenarios c2000,mix1000 runs only those scenarios of the plan.
if (arg('scenarios')) plan.scenarios = plan.scenarios.filter(s => arg('scenarios').split(',').includes(s.id))
// --connections N gives every scenario that many connections (e.g. a small smoke test).
if (arg('connections')) for (const s of plan.scenarios) s.connections = Number(arg('connections'))
// --rates 150 replaces every scenario's ladder with these steps (e.g. a steady load to profile the server under);
// `natural` is the natural workshop rate of the scenario, 0.2 edits per participant per second.
if (arg('rates')) {
  for (const s of plan.scenarios) {
    s.rates = arg('rates').split(',').map(r => r === 'natural' ? Math.round(s.connections * RATE_PER_PARTICIPANT) : Number(r))
    s.refine = false
  }
}
// --sheet-size 12 makes every scenario's worksheets that size (the last one takes what is left).
if (arg('sheet-size')) for (const s of plan.scenarios) s.sizes = [Number(arg('sheet-size')), Number(arg('sheet-size'))]
// --step-ms 60000 makes every step that long.
if (arg('step-ms')) plan.stepMs = Number(arg('step-ms'))

function mulberry32 (a) {
  return () => {
    a |= 0; a = a + 0x6D2B79F5 | 0
    let t = Math.imul(a ^ a >>> 15, 1 | a)
    t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t
    return ((t ^ t >>> 14) >>> 0) / 4294967296
  }
}

/** Worksheet sizes of a scenario: fixed 10, or uniform 3..12, until the connections are used up (seeded). */
function groupSizes (scenario) {
  const rnd = mulberry32(4242)
  const [lo, hi] = scenario.sizes
  const sizes = []; let left = scenario.connections
  while (left > 0) {
    let n = lo + Math.floor(rnd() * (hi - lo + 1))
    if (n > left) n = left
    if (lo !== hi && left - n > 0 && left - n < lo) n = left // no stray worksheet smaller than the mix allows
    sizes.push(n); left -= n
  }
  return sizes
}

// ------------------------------------------------------------------ /proc sampling

const CLK_TCK = 100
function statOf (pid) {
  const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  const f = s.slice(s.lastIndexOf(')') + 2).split(' ')
  // fields after the name start at index 3 (state): utime=14, stime=15, cutime=16, cstime=17 in 1-based man(5) numbering
  return { ppid: Number(f[1]), utime: Number(f[11]), stime: Number(f[12]), cutime: Number(f[13]), cstime: Number(f[14]) }
}
function ticksOf (pid, withChildren = false) {
  try {
    const s = statOf(pid)
    return s.utime + s.stime + (withChildren ? s.cutime + s.cstime : 0)
  } catch { return 0 }
}
/** CPU ticks of a server: its process, plus (Digipaja) the PostgreSQL postmaster and all its backends. */
function serverTicks (server) {
  let app = ticksOf(server.pid)
  let db = 0
  if (server.pgPid) {
    db = ticksOf(server.pgPid, true)
    for (const d of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue
      try { if (statOf(d).ppid === server.pgPid) db += ticksOf(d) } catch {}
    }
  }
  return { app, db }
}
function rssKiB (pid) {
  const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)
  return m ? Number(m[1]) : 0
}
const clientTicks = () => ticksOf(process.pid)
const SERVER_CORE = Number(process.env.SERVER_CORE ?? 0)
const CLIENT_CORE = Number(process.env.CLIENT_CORES ?? 1)
/** Busy ticks of every core (/proc/stat), to see CPU that neither the server nor the client used. */
function coreBusy () {
  const busy = {}
  for (const line of fs.readFileSync('/proc/stat', 'utf8').split('\n')) {
    const m = line.match(/^cpu(\d+) (.*)/)
    if (!m) continue
    const [user, nice, system, , , irq, softirq, steal] = m[2].trim().split(/\s+/).map(Number)
    busy[m[1]] = user + nice + system + irq + softirq + steal
  }
  return busy
}
/** A snapshot of all counters; the difference of two is what happened in between. */
function sample (server) {
  return { t: Date.now(), client: clientTicks(), server: serverTicks(server), cores: coreBusy() }
}
function usage (a, b) {
  const s = (b.t - a.t) / 1000
  const pctOf = ticks => r1(ticks / CLK_TCK / s * 100)
  const app = b.server.app - a.server.app; const db = b.server.db - a.server.db; const client = b.client - a.client
  const core = c => (b.cores[c] ?? 0) - (a.cores[c] ?? 0)
  return {
    serverCpuMs: (app + db) * 1000 / CLK_TCK, serverCpu: pctOf(app + db), serverAppCpu: pctOf(app), serverDbCpu: pctOf(db), clientCpu: pctOf(client),
    // Work on the two cores that was neither the server's nor the client's (other processes on the machine).
    foreignServerCore: pctOf(Math.max(0, core(SERVER_CORE) - app - db)), foreignClientCore: pctOf(Math.max(0, core(CLIENT_CORE) - client)),
  }
}

// ------------------------------------------------------------------ statistics

function pct (sorted, p) {
  if (!sorted.length) return null
  return sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)]
}
const r1 = x => x === null || x === undefined ? null : Math.round(x * 10) / 10

// ------------------------------------------------------------------ workers

class Pool {
  constructor (transport, cfg) {
    this.workers = Array.from({ length: workerCount }, (_, index) => {
      const w = new Worker(new URL('./lib/worker.mjs', import.meta.url), { workerData: { index, transport, cfg } })
      w.pending = new Map(); w.seq = 0
      w.on('message', m => { const p = w.pending.get(m.id); w.pending.delete(m.id); m.error ? p.reject(new Error(m.error)) : p.resolve(m.result) })
      w.on('error', e => { for (const p of w.pending.values()) p.reject(e) })
      return w
    })
  }
  call (i, type, payload) {
    const w = this.workers[i]
    return new Promise((resolve, reject) => { const id = w.seq++; w.pending.set(id, { resolve, reject }); w.postMessage({ ...payload, type, id }) })
  }
  all (type, payloadOf) { return Promise.all(this.workers.map((_, i) => this.call(i, type, payloadOf(i)))) }
  async terminate () { await Promise.all(this.workers.map(w => w.terminate())) }
}

const WARM_UP = { id: 'warmup', connections: 100, sizes: [10, 10], joinMs: 2000, rates: [50] }

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))
const log = (...a) => console.log(new Date().toISOString().slice(11, 19), ...a)

// ------------------------------------------------------------------ one scenario against one server

async function runScenario (server, scenario, digipaja) {
  const sizes = groupSizes(scenario)
  const rnd = mulberry32(7)
  // Worksheets are dealt to workers round-robin; each worker owns whole worksheets.
  const perWorker = Array.from({ length: workerCount }, () => ({ groups: [], joins: [], participants: 0 }))
  const slots = []
  sizes.forEach((size, g) => {
    const w = g % workerCount
    const group = { sheet: digipaja?.sheets[g], doc: `${scenario.id}-${runId}-${runNo}-${g}`, memberCfg: [] }
    for (let m = 0; m < size; m++) {
      const u = digipaja?.users[(g * 10 + m) % digipaja.users.length]
      group.memberCfg.push(u ? { token: u.token, user: u.email, cookies: u.cookies } : {})
      slots.push({ w, g: perWorker[w].groups.length, m })
    }
    perWorker[w].groups.push(group)
    perWorker[w].participants += size
  })
  // Everybody joins once, in a random order, evenly over the join window.
  for (let i = slots.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [slots[i], slots[j]] = [slots[j], slots[i]] }
  slots.forEach((s, i) => perWorker[s.w].joins.push({ g: s.g, m: s.m, at: i * scenario.joinMs / slots.length }))

  const cfg = isDigipaja(server.kind)
    ? { url: server.url, cellKey: digipaja.cellKey, writeSockets: 48 }
    : { url: server.url }
  const pool = new Pool(server.kind, cfg)
  const result = { scenario: scenario.id, connections: scenario.connections, worksheets: sizes.length,
    sizes: scenario.sizes[0] === scenario.sizes[1] ? `${scenario.sizes[0]}` : `${scenario.sizes[0]}-${scenario.sizes[1]}`, steps: [] }
  try {
    await sleep(1000)
    const rssBefore = rssKiB(server.pid)
    const startAt = Date.now() + 300
    const before = sample(server)
    const joined = await pool.all('connect', i => ({ groups: perWorker[i].groups, joins: perWorker[i].joins, startAt, timeoutMs: 30000 }))
    const wall = (Date.now() - startAt) / 1000
    const cpu = usage(before, sample(server))
    const ready = joined.flatMap(j => j.ready).sort((a, b) => a - b)
    result.join = {
      joins: slots.length, windowMs: scenario.joinMs, ok: ready.length, failed: joined.reduce((a, j) => a + j.failed, 0),
      failure: joined.find(j => j.failure)?.failure, readyP50: r1(pct(ready, 50)), readyP99: r1(pct(ready, 99)), readyMax: r1(ready.at(-1)),
      wallS: r1(wall), ...cpu,
      clientLagP99: r1(Math.max(...joined.map(j => j.lagP99))),
    }
    if (server.kind === 'digipaja-page') {
      result.join.pageLoads = joined.reduce((a, j) => a + j.pageRequests, 0)
      result.join.pageErrors = joined.reduce((a, j) => a + j.pageErrors, 0)
      result.join.firstPageError = joined.find(j => j.firstPageError)?.firstPageError
    }
    log(server.name, scenario.id, 'joined', JSON.stringify(result.join))
    await sleep(plan.idleMs)
    if (scenario.storm) {
      // Only the first scenario of a server starts from a process that holds no connections (after the warm-up).
      const rssIdle = rssKiB(server.pid)
      result.idle = { rssBeforeKiB: rssBefore, rssIdleKiB: rssIdle, kibPerConnection: r1((rssIdle - rssBefore) / result.join.ok) }
      log(server.name, scenario.id, 'idle', JSON.stringify(result.idle))
    }

    const rates = [...scenario.rates]
    let lastPass = null
    for (let k = 0; k < rates.length; k++) {
      const rate = rates[k]
      const step = await measuredStep(server, pool, perWorker, scenario, rate, `${scenario.id}r${rate}s${k}`)
      result.steps.push(step)
      log(server.name, scenario.id, `rate ${rate}`, JSON.stringify({ ...step, fanoutHistogram: undefined }))
      // On a shared machine a step can be spoilt by others (not quiet) and still show what the server does: the
      // ladder goes on after such a step when everything else passed, so that the rates above are measured too.
      if (step.pass || step.passIgnoringMachine) { lastPass = rate; continue }
      // The first failure ends the ladder; optionally one more step halfway between the last pass and this failure.
      if (scenario.refine && step.clientOk && lastPass !== null && rate > lastPass * 1.3) {
        const unit = rate <= 200 ? 5 : 50
        const mid = Math.round((lastPass + rate) / 2 / unit) * unit
        if (mid > lastPass && mid < rate) {
          await settle(server, 30000) // the failed step may have left a backlog
          const extra = await measuredStep(server, pool, perWorker, scenario, mid, `${scenario.id}r${mid}s${k}m`)
          result.steps.push(extra)
          log(server.name, scenario.id, `rate ${mid} (refined)`, JSON.stringify(extra))
        }
      }
      for (const skipped of rates.slice(k + 1)) result.steps.push({ targetRate: skipped, skipped: 'a lower rate already failed or was invalid' })
      break
    }
  } finally {
    await pool.all('close', () => ({})).catch(() => {})
    await pool.terminate()
    await settle(server)
  }
  return result
}

/** Waits (bounded) until the server has finished with the connections that just closed. */
async function settle (server, maxMs = 60000) {
  const until = Date.now() + maxMs
  await sleep(1000)
  while (Date.now() < until) {
    const a = sample(server); await sleep(1000)
    if (usage(a, sample(server)).serverCpu < 10) return
  }
  log(server.name, 'still busy after the connections closed; going on')
}

/** A step, repeated (a bounded number of times) while other processes on the machine spoil the measurement. */
async function measuredStep (server, pool, perWorker, scenario, rate, tag) {
  let step
  for (let attempt = 1; attempt <= BUSY_RETRIES + 1; attempt++) {
    step = await runStep(server, pool, perWorker, scenario, rate, `${tag}a${attempt}`)
    step.attempt = attempt
    if (step.quiet || attempt > BUSY_RETRIES) break
    log(server.name, scenario.id, `rate ${rate}: other processes used the cores (${step.foreignServerCore} % / ${step.foreignClientCore} %), measuring again`)
    await settle(server, 30000)
    await sleep(BUSY_RETRY_WAIT_MS)
  }
  return step
}

async function runStep (server, pool, perWorker, scenario, rate, tag) {
  const startAt = Date.now() + 500
  let a, b
  const sampled = sleep(startAt - Date.now()).then(() => { a = sample(server) })
  const sampledEnd = sleep(startAt + plan.stepMs - Date.now()).then(() => { b = sample(server) })
  const parts = await pool.all('load', i => ({
    rate: rate * perWorker[i].participants / scenario.connections, durationMs: plan.stepMs, drainMs: plan.drainMs,
    seed: 1000 + i, tag: `${tag}w${i}`, noteBytes: NOTE_BYTES, startAt,
  }))
  await sampled; await sampledEnd
  // The server's work for the step's edits includes delivering the last of them during the drain.
  const drained = sample(server)
  const fanout = parts.flatMap(p => p.fanout).sort((a, b) => a - b)
  const writeLat = parts.flatMap(p => p.writeLat).sort((a, b) => a - b)
  const sum = k => parts.reduce((a, p) => a + p[k], 0)
  const loadS = Math.max(...parts.map(p => p.loadMs)) / 1000
  const step = {
    targetRate: rate, naturalRate: scenario.connections * RATE_PER_PARTICIPANT,
    edits: sum('edits'), editsPerS: r1(sum('edits') / loadS), lost: sum('lost'), missingDeliveries: sum('missing'),
    deliveries: sum('deliveries'), expectedDeliveries: sum('expected'), deliveriesPerS: Math.round(sum('deliveries') / loadS),
    fanoutP50: r1(pct(fanout, 50)), fanoutP99: r1(pct(fanout, 99)), fanoutMax: r1(fanout.at(-1)),
    writeP50: r1(pct(writeLat, 50)), writeP99: r1(pct(writeLat, 99)), writeErrors: sum('writeErrors'),
    firstWriteError: parts.find(p => p.firstWriteError)?.firstWriteError,
    maxOutstandingWrites: sum('maxOutstanding'), reconnects: sum('reconnects'), reloads: sum('reloads'),
    pageRequests: sum('pageRequests'), presencePosts: sum('presencePosts'), pageErrors: sum('pageErrors'),
    presencePostsSinceJoin: sum('presencePostsTotal'), pageErrorsSinceJoin: sum('pageErrorsTotal'),
    firstPageError: parts.find(p => p.firstPageError)?.firstPageError ?? undefined,
    ...usage(a, b), clientLagP99: r1(Math.max(...parts.map(p => p.lagP99))),
    clientLagMax: r1(Math.max(...parts.map(p => p.lagMax))), drainedMs: Math.round(Math.max(...parts.map(p => p.drainedMs))),
  }
  // Server CPU per delivered change: the server's CPU time (Digipaja: app + PostgreSQL) from the step's start to
  // the end of its drain, divided by the deliveries of the step's edits.
  const cpuMs = usage(a, drained).serverCpuMs
  step.serverCpuMsWithDrain = Math.round(cpuMs)
  step.cpuUsPerDelivery = step.deliveries > 0 ? Math.round(cpuMs * 1000 / step.deliveries) : null
  judge(step)
  return step
}

/**
 * Valid: the client kept up (event-loop lag p99 and its own CPU within the limits) and no other process took a
 * noticeable share of the server's core. Other processes on the client core show up as client lag.
 * Pass: valid, nothing lost, no failed write and fan-out p99 within the limit.
 */
function judge (step) {
  step.clientOk = step.clientLagP99 <= LIMITS.clientLagP99Ms && step.clientCpu <= LIMITS.clientCpu * 100
  step.quiet = step.foreignServerCore <= LIMITS.foreignCpu
  step.valid = step.clientOk && step.quiet
  step.passIgnoringMachine = step.clientOk && step.lost === 0 && step.writeErrors === 0 && step.fanoutP99 !== null && step.fanoutP99 <= LIMITS.p99Ms
  step.pass = step.valid && step.passIgnoringMachine
}

// ------------------------------------------------------------------ the whole run

const runId = Date.now().toString(36)
let runNo = 1 // which of the --repeat runs is going on

async function main () {
  fs.mkdirSync(outDir, { recursive: true })
  const machine = {
    nproc: os.cpus().length, cpuModel: fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1],
    memGiB: r1(os.totalmem() / 2 ** 30), node: process.version, clientAffinity: process.env.CLIENT_CORES ?? null,
  }
  const results = { startedAt: new Date().toISOString(), quick, plan, limits: LIMITS, machine, workers: workerCount, repeat: REPEAT, servers: [] }
  const prepared = new Map() // server kind -> its Digipaja users and worksheets, made once and used by every run
  for (let run = 1; run <= REPEAT; run++) for (const server of servers) {
    if (only && !only.includes(server.kind)) continue
    runNo = run
    log(`== ${server.name} (${server.url})${REPEAT > 1 ? ` run ${run} of ${REPEAT}` : ''}`)
    let digipaja = prepared.get(server.kind) ?? null
    if (isDigipaja(server.kind) && !digipaja) {
      const sheets = Math.max(...plan.scenarios.map(s => groupSizes(s).length))
      digipaja = await setupDigipaja({ base: server.url, users, worksheets: sheets, cookies: server.kind === 'digipaja-page', log: m => log(server.name, 'setup:', m) })
      prepared.set(server.kind, digipaja)
    }
    const entry = { name: server.name, kind: server.kind, url: server.url, version: server.version, run, scenarios: [] }
    results.servers.push(entry)
    // Every server first serves a short workshop that is not measured (100 people join, write for one step, leave),
    // as a server in use would have: the figures are then of a warm process (compiled code, grown pools), not of
    // its first minute, for all the servers alike. Later runs find the server warm already.
    if (run === 1) {
      try {
        log(server.name, 'warm-up (not measured)')
        await runScenario(server, WARM_UP, digipaja)
      } catch (e) {
        log(server.name, 'warm-up failed', e.stack)
      }
    }
    for (const scenario of plan.scenarios) {
      try {
        entry.scenarios.push(await runScenario(server, scenario, digipaja))
      } catch (e) {
        log(server.name, scenario.id, 'failed', e.stack)
        entry.scenarios.push({ scenario: scenario.id, error: String(e.message || e) })
      }
      fs.writeFileSync(path.join(outDir, 'results.json'), JSON.stringify(results, null, 2))
    }
  }
  summarise(results)
  results.finishedAt = new Date().toISOString()
  fs.writeFileSync(path.join(outDir, 'results.json'), JSON.stringify(results, null, 2))
  fs.writeFileSync(path.join(outDir, 'results.md'), markdown(results))
  log(`wrote ${path.join(outDir, 'results.json')} and results.md`)
  console.log(fs.readFileSync(path.join(outDir, 'results.md'), 'utf8'))
}

function summarise (results) {
  for (const s of results.servers) {
    let best = null; let bestIgnoringMachine = null
    for (const sc of s.scenarios) for (const st of sc.steps ?? []) {
      if (st.pass && (!best || st.deliveriesPerS > best.deliveriesPerS)) best = { scenario: sc.scenario, ...st }
      // The same criteria without the quiet-machine rule: for a shared machine, clearly labelled as such.
      if (st.passIgnoringMachine && (!bestIgnoringMachine || st.deliveriesPerS > bestIgnoringMachine.deliveriesPerS)) bestIgnoringMachine = { scenario: sc.scenario, ...st }
    }
    s.best = best
    s.bestIgnoringMachine = bestIgnoringMachine
    const storm = s.scenarios.find(sc => sc.join && results.plan.scenarios.find(p => p.id === sc.scenario)?.storm)
    s.kibPerIdleConnection = storm?.idle?.kibPerConnection ?? null
    const at200 = s.scenarios.find(sc => sc.connections === 2000)?.steps?.find(st => st.targetRate === 200)
    s.p99At2000x200 = at200 ? { fanoutP99: at200.fanoutP99, lost: at200.lost, valid: at200.valid } : null
  }
  const d = results.servers.find(s => s.kind === 'digipaja')
  const h = results.servers.find(s => s.kind === 'hocuspocus')
  results.headline = {
    digipajaBestDeliveriesPerS: d?.best?.deliveriesPerS ?? 0,
    hocuspocusBestDeliveriesPerS: h?.best?.deliveriesPerS ?? 0,
    ratioToHocuspocus: d && h && h.best ? Math.round((d.best?.deliveriesPerS ?? 0) / h.best.deliveriesPerS * 1000) / 1000 : null,
    ignoringBusyMachine: {
      digipajaBestDeliveriesPerS: d?.bestIgnoringMachine?.deliveriesPerS ?? 0,
      hocuspocusBestDeliveriesPerS: h?.bestIgnoringMachine?.deliveriesPerS ?? 0,
      ratioToHocuspocus: d && h && h.bestIgnoringMachine
        ? Math.round((d.bestIgnoringMachine?.deliveriesPerS ?? 0) / h.bestIgnoringMachine.deliveriesPerS * 1000) / 1000 : null,
    },
  }
  results.targets = d && {
    ratioAtLeast1: results.headline.ratioToHocuspocus !== null && results.headline.ratioToHocuspocus >= 1,
    p99Under50At2000x200: !!(d.p99At2000x200 && d.p99At2000x200.valid && d.p99At2000x200.lost === 0 && d.p99At2000x200.fanoutP99 < 50),
    under15KiBPerIdleConnection: d.kibPerIdleConnection !== null && d.kibPerIdleConnection < 15,
  }
}

// ------------------------------------------------------------------ the summary over the runs

const median = xs => {
  if (!xs.length) return null
  const v = [...xs].sort((a, b) => a - b); const m = v.length >> 1
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2
}
const SUMMARY_FIGURES = ['cpuUsPerDelivery', 'serverCpu', 'fanoutP50', 'fanoutP99', 'deliveriesPerS', 'editsPerS', 'lost']

/**
 * Per server, scenario and target rate: the median of every figure over the runs with its spread (min–max). A step
 * where the load generator was the limit (client lag or CPU over its limit) did not load the server as asked: its
 * figures are kept, but the group is marked client-limited and no ratio is made of it.
 */
function summaryOf (results) {
  const groups = new Map()
  for (const s of results.servers) for (const sc of s.scenarios) for (const st of sc.steps ?? []) {
    if (st.skipped) continue
    const key = `${s.kind}|${sc.scenario}|${st.targetRate}`
    if (!groups.has(key)) groups.set(key, { kind: s.kind, name: s.name, scenario: sc.scenario, connections: sc.connections, worksheets: sc.worksheets, targetRate: st.targetRate, steps: [] })
    groups.get(key).steps.push(st)
  }
  return [...groups.values()].map(g => {
    const out = { ...g, runs: g.steps.length, clientLimited: g.steps.filter(st => !st.clientOk).length,
      busy: g.steps.filter(st => st.clientOk && !st.quiet).length, passed: g.steps.filter(st => st.pass).length }
    for (const f of SUMMARY_FIGURES) {
      const xs = g.steps.map(st => st[f]).filter(x => x !== null && x !== undefined)
      out[f] = { median: r1(median(xs)), min: r1(xs.length ? Math.min(...xs) : null), max: r1(xs.length ? Math.max(...xs) : null) }
    }
    delete out.steps
    return out
  })
}

const PAIRS = [['digipaja-page', 'digipaja'], ['digipaja', 'hocuspocus'], ['digipaja-page', 'hocuspocus'], ['digipaja', 'ywebsocket']]

function summaryMarkdown (results) {
  const rows = summaryOf(results)
  const lines = []
  const fmt = v => v === null || v === undefined ? '–' : String(v)
  const cell = (x, bound) => x.median === null ? '–' : `${bound ? '≥ ' : ''}${x.median}${x.min !== x.max ? ` (${x.min}–${x.max})` : ''}`
  lines.push(`## Summary over ${results.repeat} run${results.repeat > 1 ? 's' : ''} (median, spread min–max)`, '')
  lines.push('CPU µs per delivered change = the server\'s CPU time (Digipaja: app + PostgreSQL) from the step\'s start to the end of its drain ÷ the deliveries of the step\'s edits. ' +
    'Server CPU % = % of one core over the step. "≥" marks a figure from a step where the load generator was the limit (a lower bound; no ratio is made of it).', '')
  lines.push('| server | scenario | conns | sheets | target edits/s | runs | CPU µs per delivered change | server CPU % of a core | deliveries/s | fan-out p50 ms | fan-out p99 ms | lost edits | client-limited / busy runs | passed |')
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
  for (const r of rows) {
    const bound = r.clientLimited > 0
    lines.push(`| ${r.name} | ${r.scenario} | ${r.connections} | ${r.worksheets} | ${r.targetRate} | ${r.runs} | ${cell(r.cpuUsPerDelivery, bound)} | ${cell(r.serverCpu, bound)} | ${cell(r.deliveriesPerS, bound)} | ${cell(r.fanoutP50, bound)} | ${cell(r.fanoutP99, bound)} | ${cell(r.lost, false)} | ${r.clientLimited} / ${r.busy} | ${r.passed} of ${r.runs} |`)
  }
  const ratios = []
  for (const [x, y] of PAIRS) for (const a of rows.filter(r => r.kind === x)) {
    const b = rows.find(r => r.kind === y && r.scenario === a.scenario && r.targetRate === a.targetRate)
    if (!b) continue
    const limited = a.clientLimited || b.clientLimited
    const ratio = !limited && a.cpuUsPerDelivery.median && b.cpuUsPerDelivery.median ? `${(a.cpuUsPerDelivery.median / b.cpuUsPerDelivery.median).toFixed(2)}×` : '–'
    const note = limited ? `client-limited: ${b.clientLimited ? `${b.name} ≥ ${fmt(b.cpuUsPerDelivery.median)} µs` : `${a.name} ≥ ${fmt(a.cpuUsPerDelivery.median)} µs`}, no ratio` : ''
    ratios.push(`| ${a.name} / ${b.name} | ${a.scenario} | ${a.targetRate} | ${fmt(a.cpuUsPerDelivery.median)} | ${fmt(b.cpuUsPerDelivery.median)} | ${ratio} | ${note} |`)
  }
  if (ratios.length) {
    lines.push('', 'CPU per delivered change, compared (ratio of the medians):', '')
    lines.push('| servers | scenario | target edits/s | µs (first) | µs (second) | ratio | note |', '| --- | --- | ---: | ---: | ---: | ---: | --- |', ...ratios)
  }
  return lines
}

function markdown (results) {
  const label = s => results.repeat > 1 ? `${s.name} (run ${s.run})` : s.name
  const lines = []
  const fmt = v => v === null || v === undefined ? '–' : String(v)
  lines.push(`# Live fan-out benchmark ${results.quick ? '(quick)' : '(full)'} — ${results.startedAt}`, '')
  lines.push(`Machine: ${results.machine.nproc} × ${results.machine.cpuModel}, ${results.machine.memGiB} GiB; Node ${results.machine.node}; ${results.workers} client workers.`, '')
  lines.push('## Headline', '')
  lines.push('| server | best sustained deliveries/s (p99 ≤ 100 ms, no loss, valid client) | at | KiB per idle connection | fan-out p99 at 2,000 conns × 200 edits/s |')
  lines.push('| --- | ---: | --- | ---: | ---: |')
  for (const s of results.servers) {
    const b = s.best
    lines.push(`| ${s.name} | ${b ? b.deliveriesPerS : 'none passed'} | ${b ? `${b.scenario}, ${b.targetRate} edits/s` : '–'} | ${fmt(s.kibPerIdleConnection)} | ${s.p99At2000x200 ? `${fmt(s.p99At2000x200.fanoutP99)} ms${s.p99At2000x200.valid ? '' : ' (invalid run)'}` : '–'} |`)
  }
  lines.push('', `Digipaja / Hocuspocus: **${fmt(results.headline.ratioToHocuspocus)}×**`, '')
  lines.push('Ignoring the quiet-machine rule (client limits, loss and p99 still apply), for a run on a shared machine:', '')
  lines.push('| server | best deliveries/s | at |', '| --- | ---: | --- |')
  for (const s of results.servers) {
    const b = s.bestIgnoringMachine
    lines.push(`| ${s.name} | ${b ? b.deliveriesPerS : 'none passed'} | ${b ? `${b.scenario}, ${b.targetRate} edits/s` : '–'} |`)
  }
  lines.push('', `Digipaja / Hocuspocus on that basis: ${fmt(results.headline.ignoringBusyMachine.ratioToHocuspocus)}×`, '')
  lines.push('## Joins (the first scenario of each server is the connect storm)', '')
  lines.push('| server | scenario | joins | window s | ready | failed | ready p50 ms | p99 ms | max ms | server CPU % | client CPU % | KiB/idle conn |')
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
  for (const s of results.servers) for (const sc of s.scenarios) {
    if (!sc.join) { lines.push(`| ${label(s)} | ${sc.scenario} | error: ${sc.error} |||||||||| `); continue }
    const j = sc.join
    lines.push(`| ${label(s)} | ${sc.scenario} | ${j.joins} | ${j.windowMs / 1000} | ${j.ok} | ${j.failed} | ${fmt(j.readyP50)} | ${fmt(j.readyP99)} | ${fmt(j.readyMax)} | ${fmt(j.serverCpu)} | ${fmt(j.clientCpu)} | ${fmt(sc.idle?.kibPerConnection)} |`)
  }
  lines.push('', '## Load steps', '')
  lines.push('Fan-out = from the moment an edit was due at the writer to the moment the last other participant of its worksheet had it. Server CPU is % of one core (Digipaja: app + PostgreSQL).', '')
  lines.push('CPU µs per delivered change: the server\'s CPU time from the step\'s start to the end of its drain ÷ the step\'s deliveries. Page requests: what the page clients asked besides their writes (page and cell reads, presence posts).', '')
  lines.push('| server | scenario | conns | sheets | target edits/s | edits/s | deliveries/s | fan-out p50 ms | p99 ms | max ms | lost edits | write p99 ms | server CPU % | CPU µs per delivered change | client CPU % | client lag p99 ms | other CPU % (server/client core) | page requests | valid | pass |')
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |')
  for (const s of results.servers) for (const sc of s.scenarios) for (const st of sc.steps ?? []) {
    if (st.skipped) { lines.push(`| ${label(s)} | ${sc.scenario} | ${sc.connections} | ${sc.worksheets} | ${st.targetRate} | skipped ||||||||||||||| `); continue }
    const page = s.kind === 'digipaja-page' ? `${fmt(st.pageRequests)} + ${fmt(st.presencePosts)}${st.pageErrors ? ` (${st.pageErrors} failed: ${st.firstPageError})` : ''}` : '–'
    lines.push(`| ${label(s)} | ${sc.scenario} | ${sc.connections} | ${sc.worksheets} | ${st.targetRate} | ${st.editsPerS} | ${st.deliveriesPerS} | ${fmt(st.fanoutP50)} | ${fmt(st.fanoutP99)} | ${fmt(st.fanoutMax)} | ${st.lost} | ${fmt(st.writeP99)} | ${fmt(st.serverCpu)} | ${fmt(st.cpuUsPerDelivery)} | ${fmt(st.clientCpu)} | ${fmt(st.clientLagP99)} | ${fmt(st.foreignServerCore)} / ${fmt(st.foreignClientCore)} | ${page} | ${st.valid ? 'yes' : st.clientOk ? '**no** (busy machine)' : '**no** (client)'} | ${st.pass ? 'yes' : 'no'} |`)
  }
  lines.push('', ...summaryMarkdown(results))
  if (results.targets) {
    lines.push('', '## Targets (Digipaja)', '')
    lines.push(`- ≥ 1.0× Hocuspocus: ${results.targets.ratioAtLeast1 ? 'met' : 'not met'}`)
    lines.push(`- fan-out p99 < 50 ms at 2,000 connections and 200 edits/s: ${results.targets.p99Under50At2000x200 ? 'met' : 'not met'}`)
    lines.push(`- < 15 KiB per idle connection: ${results.targets.under15KiBPerIdleConnection ? 'met' : 'not met'}`)
  }
  return lines.join('\n') + '\n'
}

// `node bench.mjs --resummarise results/<run>` judges the stored steps again with the current rules and rewrites
// results.json and results.md (no load is generated).
if (args.includes('--resummarise')) {
  const dir = arg('resummarise')
  const results = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8'))
  for (const s of results.servers) for (const sc of s.scenarios) for (const st of sc.steps ?? []) if (!st.skipped) judge(st)
  results.limits = LIMITS
  results.repeat ??= 1
  results.resummarisedAt = new Date().toISOString()
  summarise(results)
  fs.writeFileSync(path.join(dir, 'results.json'), JSON.stringify(results, null, 2))
  fs.writeFileSync(path.join(dir, 'results.md'), markdown(results))
  console.log(fs.readFileSync(path.join(dir, 'results.md'), 'utf8'))
  process.exit(0)
}

// Hard stop: the whole run is bounded in time whatever happens.
const hardStop = setTimeout(() => { console.error('bench: hard time limit reached'); process.exit(2) }, (quick ? 6 : 60) * REPEAT * 60 * 1000)
hardStop.unref()
main().then(() => process.exit(0), e => { console.error(e); process.exit(1) })
