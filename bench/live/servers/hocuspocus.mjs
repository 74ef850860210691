// Hocuspocus (the main peer) with no persistence and no extensions: every document lives in memory.
import { Server } from '@hocuspocus/server'

const port = Number(process.env.PORT || 1235)
const server = new Server({ port, address: '127.0.0.1', quiet: true, debounce: 60_000 })
await server.listen()
console.log(`hocuspocus listening on 127.0.0.1:${port}`)
