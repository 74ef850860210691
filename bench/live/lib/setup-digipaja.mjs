// Prepares a Digipaja server for the benchmark through its public surface only:
//   - the administrator signs in with the cookie form and adds `users` participant users (POST /Admin/Users);
//   - the facilitator creates workshop series through the API (POST /api/v1/workshop-series, 11 functionality
//     worksheets each) until there are `worksheets` worksheets;
//   - the facilitator invites every benchmark user into every series (the Series page's Invite form);
//   - every benchmark user gets a bearer token (POST /api/v1/tokens);
//   - with `cookies`, every benchmark user also signs in once through the sign-in form (antiforgery token from the
//     form) and keeps the session's cookies, for the clients that behave like the worksheet page.
// Participant k of worksheet j is user (j * 10 + k) mod users, so the people of one worksheet are distinct users
// and each user holds several connections across different worksheets.

const PASSWORD = process.env.DEMO_PASSWORD || 'Digipaja-demo-2026'
const FUNCTIONALITIES = ['chat', 'messages', 'forms', 'video', 'consultations', 'health-data', 'booking', 'care-paths',
  'ombudsman', 'own-data', 'assessments']

class Browser {
  constructor (base) { this.base = base; this.cookies = new Map() }
  async request (path, { method = 'GET', form, json, token } = {}) {
    const headers = {}
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    let body
    if (form) { headers['content-type'] = 'application/x-www-form-urlencoded'; body = new URLSearchParams(form).toString() }
    if (json) { headers['content-type'] = 'application/json'; body = JSON.stringify(json) }
    if (token) headers.authorization = `Bearer ${token}`
    const res = await fetch(this.base + path, { method, headers, body, redirect: 'manual' })
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';'); const i = pair.indexOf('=')
      this.cookies.set(pair.slice(0, i).trim(), pair.slice(i + 1))
    }
    return res
  }
  async formToken (path) {
    const html = await (await this.request(path)).text()
    const m = html.match(/name="__RequestVerificationToken" type="hidden" value="([^"]+)"/) ||
      html.match(/value="([^"]+)"[^>]*name="__RequestVerificationToken"/)
    if (!m) throw new Error(`no antiforgery token on ${path}`)
    return { html, token: m[1] }
  }
  async signIn (email) {
    const { token } = await this.formToken('/Account/SignIn')
    const res = await this.request('/Account/SignIn', {
      method: 'POST', form: { 'Input.Email': email, 'Input.Password': PASSWORD, __RequestVerificationToken: token },
    })
    if (res.status !== 302) throw new Error(`sign-in of ${email} answered ${res.status}`)
  }
}

async function apiToken (base, email) {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${base}/api/v1/tokens`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }),
    })
    if (res.ok) return (await res.json()).token
    if (attempt > 5) throw new Error(`token for ${email}: ${res.status} ${await res.text()}`)
    await new Promise(r => setTimeout(r, 500))
  }
}

async function inParallel (items, limit, fn) {
  const out = new Array(items.length); let next = 0
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) { const i = next++; out[i] = await fn(items[i], i) }
  }))
  return out
}

export async function setupDigipaja ({ base, users: userCount, worksheets: sheetCount, cookies = false, log = () => {} }) {
  const started = Date.now()
  const admin = new Browser(base)
  await admin.signIn('admin@lansi-uusimaa.demo')
  const run = Date.now().toString(36)
  const users = []
  for (let i = 0; i < userCount; i++) {
    const name = `Bench ${run} ${String(i).padStart(3, '0')}`
    const email = `bench-${run}-${i}@lansi-uusimaa.demo`
    const { token } = await admin.formToken('/Admin/Users')
    const res = await admin.request('/Admin/Users', {
      method: 'POST',
      form: {
        'Input.DisplayName': name, 'Input.Email': email, 'Input.Role': 'Participant', 'Input.Password': PASSWORD,
        __RequestVerificationToken: token,
      },
    })
    if (res.status !== 302) throw new Error(`adding user ${email} answered ${res.status}`)
    users.push({ name, email })
  }
  log(`added ${users.length} users`)

  const facilitatorToken = await apiToken(base, 'facilitator@lansi-uusimaa.demo')
  const org = await (await fetch(`${base}/api/v1/organisation`, { headers: { authorization: `Bearer ${facilitatorToken}` } })).json()
  const line = org.serviceAreas.flatMap(a => a.serviceLines)[0].id
  const series = []
  const sheets = []
  while (sheets.length < sheetCount) {
    const res = await fetch(`${base}/api/v1/workshop-series`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${facilitatorToken}` },
      body: JSON.stringify({ serviceLineIds: [line], functionalityKeys: FUNCTIONALITIES, name: `Benchmark ${run} ${series.length}` }),
    })
    if (res.status !== 201) throw new Error(`creating a series answered ${res.status} ${await res.text()}`)
    const s = await res.json()
    series.push(s.id)
    // The functionality worksheets share one template, so every one of them has the cell the notes go to.
    for (const w of s.worksheets.filter(w => w.functionalityKey)) sheets.push(w.id)
  }
  sheets.length = sheetCount
  log(`created ${series.length} series with ${sheets.length} worksheets`)

  const facilitator = new Browser(base)
  await facilitator.signIn('facilitator@lansi-uusimaa.demo')
  for (const id of series) {
    const page = `/Workshops/Series/${id}`
    const { html, token } = await facilitator.formToken(page)
    const ids = new Map()
    for (const m of html.matchAll(/<option value="([0-9a-f-]{36})"[^>]*>([^<]*)<\/option>/g)) ids.set(m[2].replace(/ \(.*$/, '').trim(), m[1])
    for (const u of users) {
      const userId = ids.get(u.name)
      if (!userId) throw new Error(`user ${u.name} is not invitable in series ${id}`)
      const res = await facilitator.request(`${page}?handler=Invite`, {
        method: 'POST', form: { 'Invite.UserId': userId, 'Invite.Role': 'Participant', __RequestVerificationToken: token },
      })
      if (res.status !== 302) throw new Error(`inviting ${u.email} into ${id} answered ${res.status}`)
    }
  }
  log(`invited ${users.length} users into ${series.length} series`)

  await inParallel(users, 4, async u => { u.token = await apiToken(base, u.email) })
  log(`issued ${users.length} tokens`)
  if (cookies) {
    await inParallel(users, 4, async u => {
      const browser = new Browser(base)
      await browser.signIn(u.email)
      u.cookies = [...browser.cookies]
    })
    log(`signed ${users.length} users in through the form`)
  }
  log(`${((Date.now() - started) / 1000).toFixed(1)} s total setup`)
  return { sheets, users: users.map(u => ({ email: u.email, token: u.token, cookies: u.cookies })), cellKey: 'customer-value' }
}
