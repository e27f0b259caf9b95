/**
 * Run by guard-selftest.mjs in a child process with guard.cjs preloaded. It spies on
 * Node's native bindings — the last step before a packet leaves — so that even a broken
 * guard cannot send anything: a non-loopback call that reaches a binding is recorded and
 * failed there. It then tries every way out and prints what happened as JSON.
 */
'use strict';

const reached = [];
const loopbackReached = [];

function isLoopbackAddress(a) {
  return typeof a === 'string' && (a.startsWith('127.') || a === '::1' || a === 'localhost');
}

/** Replaces a native method with one that only lets loopback destinations through. */
function spy(proto, method, label, addressArg, failCode) {
  const original = proto[method];
  if (typeof original !== 'function') return;
  proto[method] = function nativeSpy(...args) {
    const address = args[addressArg];
    if (isLoopbackAddress(address)) {
      loopbackReached.push(`${label} ${address}`);
      return original.apply(this, args);
    }
    reached.push(`${label} ${address}`);
    return failCode;
  };
}

// process.binding hands out the same objects that net and dns use internally.
process.emitWarning = () => {};
const tcp = process.binding('tcp_wrap');
const cares = process.binding('cares_wrap');
const udp = process.binding('udp_wrap');
const UV_ECONNREFUSED = -111;
const UV_EAI_NONAME = -3008;
spy(tcp.TCP.prototype, 'connect', 'tcp.connect', 1, UV_ECONNREFUSED);
spy(tcp.TCP.prototype, 'connect6', 'tcp.connect6', 1, UV_ECONNREFUSED);
spy(cares, 'getaddrinfo', 'getaddrinfo', 1, UV_EAI_NONAME);
for (const key of Object.getOwnPropertyNames(cares.ChannelWrap.prototype)) {
  if (/^(query|getHostByAddr)/.test(key)) spy(cares.ChannelWrap.prototype, key, `cares.${key}`, 1, UV_EAI_NONAME);
}
spy(udp.UDP.prototype, 'send', 'udp.send', 3, UV_ECONNREFUSED);
spy(udp.UDP.prototype, 'send6', 'udp.send6', 3, UV_ECONNREFUSED);

const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');
const net = require('node:net');
const tls = require('node:tls');

/** Settles with the error code a call produced, however it reports it. */
function outcome(start) {
  return new Promise((resolve) => {
    try {
      const result = start((err) => resolve(err ? err.code || String(err) : 'ok'));
      if (result && typeof result.then === 'function') {
        result.then(
          () => resolve('ok'),
          (err) => resolve(err.code || (err.cause && err.cause.code) || String(err)),
        );
      }
    } catch (err) {
      resolve(err.code || String(err));
    }
  });
}

const onSocket = (socket, done) => {
  socket.on('error', done);
  socket.on('connect', () => {
    socket.destroy();
    done(null);
  });
};

const probes = {
  'net.connect 10.255.255.1': (done) => onSocket(net.connect(80, '10.255.255.1'), done),
  'net.connect example.org': (done) => onSocket(net.connect({ host: 'example.org', port: 80 }), done),
  'net.Socket#connect 10.255.255.1': (done) => onSocket(new net.Socket().connect(80, '10.255.255.1'), done),
  'tls.connect example.org': (done) => onSocket(tls.connect(443, 'example.org'), done),
  'dns.lookup example.org': (done) => dns.lookup('example.org', done),
  'dns.promises.lookup example.org': () => dns.promises.lookup('example.org'),
  'dns.resolve4 example.org': (done) => dns.resolve4('example.org', done),
  'dns.Resolver#resolve example.org': (done) => new dns.Resolver().resolve('example.org', done),
  'dns.promises.resolveTxt example.org': () => dns.promises.resolveTxt('example.org'),
  'dns.reverse 10.255.255.1': (done) => dns.reverse('10.255.255.1', done),
  'http.get 10.255.255.1': (done) => http.get('http://10.255.255.1/').on('error', done).on('response', () => done()),
  'https.request example.org': (done) => {
    const req = https.request({ host: 'example.org', path: '/' }).on('error', done).on('response', () => done());
    req.end();
  },
  'fetch 10.255.255.1': () => fetch('http://10.255.255.1/'),
  'fetch example.org': () => fetch('https://example.org/'),
  'listen 0.0.0.0': (done) => net.createServer().listen(0, '0.0.0.0', () => done()),
};

async function main() {
  const refused = {};
  for (const [name, start] of Object.entries(probes)) refused[name] = await outcome(start);

  // Positive controls: loopback still works, and goes through the spied bindings.
  const server = http.createServer((req, res) => res.end('ok'));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const controls = {
    'fetch 127.0.0.1': await outcome(() => fetch(`http://127.0.0.1:${port}/`).then((r) => r.text())),
    'http.get localhost': await outcome((done) =>
      http.get(`http://localhost:${port}/`).on('error', done).on('response', (r) => r.resume().on('end', () => done())),
    ),
    'dns.lookup localhost': await outcome((done) => dns.lookup('localhost', done)),
  };
  server.close();
  process.stdout.write(JSON.stringify({ refused, controls, reached, loopbackReached }));
}

main();
