// Opens idle Digipaja streams and keeps them open (bench/live/idle-memory.sh):
//   node hold-streams.mjs <base url> <connections> <join ms> <go file>
// Prepares users and worksheets first (10 streams per worksheet, as in a workshop), prints "prepared", waits for the
// go file to appear (the caller measures the server in between), then opens the streams spread evenly over the join
// time, prints "held N" once every stream has had its "ready" event, and waits until it is stopped.
import fs from 'node:fs'
import http from 'node:http'
import { setupDigipaja } from './setup-digipaja.mjs'

const [base, connections, joinMs, goFile] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4]), process.argv[5]]
const { sheets, users } = await setupDigipaja({ base, users: 40, worksheets: Math.ceil(connections / 10) })
console.log('prepared')
while (!fs.existsSync(goFile)) await new Promise(resolve => setTimeout(resolve, 100))

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity })
const { hostname, port } = new URL(base)
const open = i => new Promise((resolve, reject) => {
  const worksheet = Math.floor(i / 10)
  const user = users[(worksheet * 10 + i % 10) % users.length]
  const req = http.request({ host: hostname, port, path: `/api/v1/worksheets/${sheets[worksheet]}/events`, agent,
    headers: { authorization: `Bearer ${user.token}`, accept: 'text/event-stream' } }, res => {
    if (res.statusCode !== 200) return reject(new Error(`stream ${i} answered ${res.statusCode}`))
    let seen = ''
    res.on('data', chunk => { if (seen !== null && (seen += chunk).includes('event: ready')) { seen = null; resolve() } })
  })
  req.on('error', reject)
  req.end()
})
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))
await Promise.all(Array.from({ length: connections }, (_, i) => sleep(joinMs * i / connections).then(() => open(i))))
console.log(`held ${connections}`)
setInterval(() => {}, 1 << 30)
