import { connect } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import express from 'express';
import { listen } from './http-server.js';

/** Writes raw bytes to the server and reads the whole answer (the server closes after an unreadable request). */
function exchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

describe('listen', () => {
  it('when the request line and headers exceed what Node reads, then the answer is 431 in the one error shape', async () => {
    const server = await listen(express(), 0);
    try {
      const answer = await exchange(server.port, `GET /x?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 431 /);
      expect(head).toMatch(/content-type: application\/json/i);
      expect(JSON.parse(body)).toEqual({ error: { code: 'headers_too_large', message: expect.any(String) } });
    } finally {
      await server.close();
    }
  });

  it('when the request is not HTTP at all, then the answer is 400 in the one error shape', async () => {
    const server = await listen(express(), 0);
    try {
      const answer = await exchange(server.port, 'NOT HTTP\r\n\r\n');
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 400 /);
      expect(JSON.parse(body)).toEqual({ error: { code: 'bad_request', message: expect.any(String) } });
    } finally {
      await server.close();
    }
  });
});
