// y-websocket's reference server (@y/websocket-server) as the minimal-relay baseline; in memory (no YPERSISTENCE).
import http from 'node:http'
import { WebSocketServer } from 'ws'
import { setupWSConnection } from '@y/websocket-server/utils'

delete process.env.YPERSISTENCE
const port = Number(process.env.PORT || 1236)
const wss = new WebSocketServer({ noServer: true })
wss.on('connection', setupWSConnection)
const server = http.createServer((_req, res) => { res.writeHead(200, { 'Content-Type': 'text/plain' }); res.end('okay') })
server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, ws => wss.emit('connection', ws, req)))
server.listen(port, '127.0.0.1', () => console.log(`y-websocket listening on 127.0.0.1:${port}`))
