/**
 * The Waline server process: started by launch.mjs with guard.cjs preloaded and the
 * environment already set, it serves Waline's request handler on 127.0.0.1 and tells its
 * parent the port over IPC.
 */
'use strict';

const http = require('node:http');
const path = require('node:path');

const serverDir = process.env.WALINE_SERVER_DIR;
// Waline reads its whole configuration from the environment when it is required.
const createHandler = require(path.join(serverDir, 'node_modules', '@waline', 'vercel'));

const handler = createHandler();
const server = http.createServer(handler);
server.listen(Number(process.env.WALINE_PORT || 0), '127.0.0.1', () => {
  const { port } = server.address();
  if (process.send) process.send({ port });
});

// The parent going away (a crashed test runner included) ends the server too.
process.on('disconnect', () => process.exit(0));
