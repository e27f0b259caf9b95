/**
 * Loopback guard, preloaded into the Waline server with `node --require`.
 *
 * This machine may send nothing off loopback, and Waline reaches out to the internet by
 * default (OAuth, Akismet, IP region, avatars, update checks). The environment switches
 * turn those off; this module makes sure nothing slips through: every name lookup and
 * every outgoing connection to a host that is not loopback is refused before Node hands
 * it to the operating system, and each refusal is written as one line to the file named
 * by LOOPBACK_GUARD_LOG (or to stderr), which the integration test requires to stay empty.
 */
'use strict';

const dns = require('node:dns');
const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');
const net = require('node:net');
const tls = require('node:tls');

const LOG = process.env.LOOPBACK_GUARD_LOG;

/** True for names and addresses that never leave this machine. */
function isLoopback(host) {
  if (host === undefined || host === null || host === '') return true; // Node's default is localhost
  let h = String(host).toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (h === 'localhost') return true;
  if (h.startsWith('::ffff:')) h = h.slice(7);
  if (net.isIPv4(h)) return h.startsWith('127.');
  if (net.isIPv6(h)) return /^(0{0,4}:){2,7}0{0,3}1$/.test(h) || h === '::1';
  return false;
}

/** Records a refusal and returns the error to raise. */
function refuse(what, host) {
  const line = `${new Date().toISOString()} pid ${process.pid} refused ${what} to ${host}\n`;
  try {
    if (LOG) fs.appendFileSync(LOG, line);
    else process.stderr.write(`[loopback-guard] ${line}`);
  } catch {
    process.stderr.write(`[loopback-guard] ${line}`);
  }
  const error = new Error(`loopback guard: refused ${what} to ${host}`);
  error.code = 'ELOOPBACKGUARD';
  return error;
}

// --- name resolution -------------------------------------------------------------

const LOCALHOST = [
  { address: '127.0.0.1', family: 4 },
  { address: '::1', family: 6 },
];

/** Answers `localhost` without asking the system resolver (which may consult DNS). */
function localhostAnswer(options) {
  const opts = typeof options === 'number' ? { family: options } : options || {};
  const family = opts.family === 'IPv6' ? 6 : opts.family === 'IPv4' ? 4 : opts.family;
  const matches = LOCALHOST.filter((a) => !family || a.family === family);
  return opts.all ? matches : matches[0];
}

function isLocalhostName(host) {
  return String(host).toLowerCase().replace(/\.$/, '') === 'localhost';
}

const originalLookup = dns.lookup;
dns.lookup = function guardedLookup(hostname, options, callback) {
  const cb = typeof options === 'function' ? options : callback;
  const opts = typeof options === 'function' ? undefined : options;
  if (!isLoopback(hostname)) {
    const error = refuse('dns.lookup', hostname);
    process.nextTick(cb, error);
    return {};
  }
  if (isLocalhostName(hostname)) {
    const answer = localhostAnswer(opts);
    if (Array.isArray(answer)) process.nextTick(cb, null, answer);
    else process.nextTick(cb, null, answer.address, answer.family);
    return {};
  }
  return originalLookup.apply(this, arguments);
};

const originalPromisesLookup = dns.promises.lookup;
dns.promises.lookup = async function guardedPromisesLookup(hostname, options) {
  if (!isLoopback(hostname)) throw refuse('dns.promises.lookup', hostname);
  if (isLocalhostName(hostname)) return localhostAnswer(options);
  return originalPromisesLookup.call(this, hostname, options);
};

// Every resolve* and reverse query goes to the configured name server, whatever the name:
// none of them is allowed.
function guardResolvers(target, label) {
  for (const key of Object.getOwnPropertyNames(target)) {
    if (!/^(resolve|reverse)/.test(key) || typeof target[key] !== 'function') continue;
    const promised = label.includes('promises');
    target[key] = function guardedResolve(name) {
      const error = refuse(`${label}.${key}`, name);
      if (promised) return Promise.reject(error);
      const cb = [...arguments].reverse().find((a) => typeof a === 'function');
      if (cb) process.nextTick(cb, error);
      return undefined;
    };
  }
}
guardResolvers(dns, 'dns');
guardResolvers(dns.Resolver.prototype, 'dns.Resolver');
guardResolvers(dns.promises, 'dns.promises');
guardResolvers(dns.promises.Resolver.prototype, 'dns.promises.Resolver');

const originalLookupService = dns.lookupService;
dns.lookupService = function guardedLookupService(address, port, callback) {
  if (!isLoopback(address)) {
    process.nextTick(callback, refuse('dns.lookupService', address));
    return undefined;
  }
  return originalLookupService.apply(this, arguments);
};

// --- connections ---------------------------------------------------------------------

/** The host a `Socket#connect` call targets, or null for a local IPC path. */
function connectTarget(args) {
  // net.connect() and tls.connect() pass an already normalized [options, callback] array.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (first !== null && typeof first === 'object') {
    if (first.path) return null;
    return first.host ?? 'localhost';
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return null; // an IPC path
  return typeof args[1] === 'string' ? args[1] : 'localhost';
}

// Every TCP and TLS client connection, including undici's (global fetch) and http's
// agents, goes through this one method.
const originalSocketConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const host = connectTarget(args);
  if (host !== null && !isLoopback(host)) {
    const error = refuse('net.Socket.connect', host);
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return originalSocketConnect.apply(this, args);
};

const originalTlsConnect = tls.connect;
tls.connect = function guardedTlsConnect(...args) {
  const options = args.find((a) => a !== null && typeof a === 'object') || {};
  const host = options.socket ? 'localhost' : options.host ?? (typeof args[1] === 'string' ? args[1] : 'localhost');
  if (!options.path && !isLoopback(host)) throw refuse('tls.connect', host);
  return originalTlsConnect.apply(this, args);
};

/** The host an http(s).request call targets. */
function requestHost(args) {
  const [first, second] = args;
  if (typeof first === 'string' || first instanceof URL) {
    const url = new URL(String(first));
    const overrides = second !== null && typeof second === 'object' ? second : {};
    return overrides.hostname ?? overrides.host ?? url.hostname;
  }
  const options = first || {};
  if (options.socketPath) return 'localhost';
  return options.hostname ?? options.host ?? 'localhost';
}

for (const [mod, label] of [
  [http, 'http'],
  [https, 'https'],
]) {
  const originalRequest = mod.request;
  mod.request = function guardedRequest(...args) {
    const host = requestHost(args);
    if (!isLoopback(host)) throw refuse(`${label}.request`, host);
    return originalRequest.apply(this, args);
  };
  mod.get = function guardedGet(...args) {
    const req = mod.request(...args);
    req.end();
    return req;
  };
}

if (typeof globalThis.fetch === 'function') {
  const originalFetch = globalThis.fetch;
  globalThis.fetch = async function guardedFetch(input, init) {
    const url = new URL(typeof input === 'string' || input instanceof URL ? String(input) : input.url);
    if (url.protocol !== 'data:' && url.protocol !== 'blob:' && !isLoopback(url.hostname)) {
      throw refuse('fetch', url.hostname);
    }
    return originalFetch.call(this, input, init);
  };
}

// Refusing to listen anywhere but loopback keeps the server off other interfaces.
const originalListen = net.Server.prototype.listen;
net.Server.prototype.listen = function guardedListen(...args) {
  const first = args[0];
  let host;
  if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
    if (first.path || first.fd !== undefined || first._handle || first.handle) return originalListen.apply(this, args);
    host = first.host;
  } else if (typeof first === 'string' && !/^\d+$/.test(first)) {
    return originalListen.apply(this, args); // an IPC path
  } else {
    host = typeof args[1] === 'string' ? args[1] : undefined;
  }
  // Without a host Node listens on every interface.
  if (host === undefined || !isLoopback(host)) {
    throw refuse('net.Server.listen', host ?? 'all interfaces');
  }
  return originalListen.apply(this, args);
};

module.exports = { isLoopback };
