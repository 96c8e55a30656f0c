import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, pseudonym } from '../src/lib/log.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { log: createLogger('info', stream), lines };
}

describe('logs keep personal data out (UU PDP)', () => {
  it('drops texts, names and contacts and pseudonymises user ids', () => {
    const { log, lines } = capture();
    log.error(
      { user: 'whatsapp:6281234567890@c.us', text: 'nama saya Made, HP 0812…', draft: { name: 'Made', contact: '0812345' } },
      'turn failed',
    );
    const line = lines.join('');
    expect(line).not.toContain('6281234567890');
    expect(line).not.toContain('Made');
    expect(line).not.toContain('0812');
    expect(line).toContain(pseudonym('whatsapp:6281234567890@c.us'));
    expect(line).toContain('turn failed');
  });

  it('the same person gets the same pseudonym, different people different ones', () => {
    expect(pseudonym('telegram:1')).toBe(pseudonym('telegram:1'));
    expect(pseudonym('telegram:1')).not.toBe(pseudonym('telegram:2'));
  });
});
