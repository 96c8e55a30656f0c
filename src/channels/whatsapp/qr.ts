/**
 * The pairing QR code, for a person to scan from WhatsApp → Linked devices: as text art for a terminal and
 * as a PNG file (for a server reached over SSH, or for staff who cannot see the terminal). `qrcode` renders
 * both, so one well-kept library does it.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import QRCode from 'qrcode';

/** The QR code as terminal text (half-height blocks, fits an 80×40 terminal). */
export function qrTerminal(qr: string): Promise<string> {
  return QRCode.toString(qr, { type: 'terminal', small: true });
}

/** Write the QR code as a PNG, atomically (a reader never sees half an image). */
export async function writeQrPng(path: string, qr: string): Promise<void> {
  const png = await QRCode.toBuffer(qr, { type: 'png', width: 400, margin: 2 });
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, png);
  await rename(tmp, path);
}

/** Remove an old QR image once paired: a stale code only confuses whoever finds it. */
export async function removeQrPng(path: string): Promise<void> {
  await rm(path, { force: true });
}
