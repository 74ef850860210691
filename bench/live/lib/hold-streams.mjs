// Opens idle Digipaja streams and keeps them open (bench/live/idle-memory.sh):
//   node hold-streams.mjs <base url> <connections> <join ms> <go file>
// Prepares users and worksheets first (10 streams per worksheet, as in a workshop), prints "prepared", waits for the
// go file to appear (the caller measures the server in between), then opens the streams spread evenly over the join
// time, prints "held N" once every stream has had its "ready" event, and waits until it is stopped.
import fs from 'node:fs'
import { setupDigipaja } from './setup-digipaja.mjs'
import { DigipajaParticipant } from './transports.mjs'

const [url, connections, joinMs, goFile] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4]), process.argv[5]]
const { sheets, users, cellKey } = await setupDigipaja({ base: url, users: 40, worksheets: Math.ceil(connections / 10) })
console.log('prepared')
while (!fs.existsSync(goFile)) await new Promise(resolve => setTimeout(resolve, 100))

// The benchmark's own participant (bench.mjs), which only listens here.
const counters = { reconnects: 0, reloads: 0 }
const open = i => {
  const worksheet = Math.floor(i / 10)
  const user = users[(worksheet * 10 + i % 10) % users.length]
  return new DigipajaParticipant({ url, cellKey }, { sheet: sheets[worksheet] }, user, () => {}, counters).connect()
}
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))
await Promise.all(Array.from({ length: connections }, (_, i) => sleep(joinMs * i / connections).then(() => open(i))))
console.log(`held ${connections}`)
setInterval(() => {}, 1 << 30)
