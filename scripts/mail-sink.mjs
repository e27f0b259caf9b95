#!/usr/bin/env node
/**
 * A mail sink for trying e-mail notifications on one machine: an SMTP server on
 * 127.0.0.1 (smtp-server, a devDependency) that accepts every message and prints it.
 *
 *   node scripts/mail-sink.mjs [port]        # default 2525
 *   node server/main.mjs --smtp-url smtp://127.0.0.1:2525 --public-url http://127.0.0.1:8787 --notify-email you@example.org
 */
import { SMTPServer } from 'smtp-server';

const port = Number(process.argv[2] ?? 2525);
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => {
      const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
      console.log(`--- mail to ${to} ---\n${Buffer.concat(chunks).toString('utf8')}\n`);
      callback();
    });
  },
});
server.listen(port, '127.0.0.1', () => console.log(`Mail sink on smtp://127.0.0.1:${port}; every message is printed here.`));
process.once('SIGINT', () => server.close(() => process.exit(0)));
