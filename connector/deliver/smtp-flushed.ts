import type { Readable, Writable } from 'node:stream';
import type SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';

/**
 * nodemailer's own fields, read here and nowhere else: the socket, and the transform that escapes the
 * message's dots on its way there. Not part of its typed API; test/deliver/smtp-flushed.test.ts fails
 * if an upgrade renames them.
 */
interface ConnectionInternals {
  _socket?: Writable | false;
  _currentDataStream?: Readable | false;
}

/**
 * Resolves once every byte written to the connection so far has left this process: the kernel has it
 * and sends it even if the process is killed next, while bytes still in Node's buffers die with it.
 * The e-mail channel waits for this before its point of no return, so that between the `committing`
 * record and the final "." no more than the "." itself is left to write. Throws if the socket is gone
 * (the send fails then, before the point of no return).
 */
export async function flushed(connection: SMTPConnection): Promise<void> {
  const internals = connection as unknown as ConnectionInternals;
  for (;;) {
    const socket = internals._socket;
    if (!socket || socket.destroyed) throw Object.assign(new Error('smtp: the connection closed before the message was written'), { code: 'ECONNECTION' });
    const escaping = internals._currentDataStream;
    if (socket.writableLength + (escaping ? escaping.readableLength : 0) === 0) return;
    await progress(socket);
  }
}

/** The socket's next step: its buffer drained (or it closed) when it was full, else one turn of the event loop. */
function progress(socket: Writable): Promise<void> {
  return new Promise((resolve) => {
    if (!socket.writableNeedDrain) return void setImmediate(resolve);
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.once('drain', done);
    socket.once('close', done);
  });
}
