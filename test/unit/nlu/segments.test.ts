import { describe, expect, it } from 'vitest';
import { segments } from '../../../src/nlu/segments.js';

describe('segments: one message, several questions', () => {
  it.each<[string, string[]]>([
    ['kapan buka lagi? trs form pbg dmn? call center brp?', ['kapan buka lagi?', 'form pbg dmn?', 'call center brp?']],
    ['kapan buka lagi trs form pbg dmn', ['kapan buka lagi', 'form pbg dmn']],
    ['halo min\nsyarat imb apa aja?\nterus biayanya brp?', ['halo min', 'syarat imb apa aja?', 'biayanya brp?']],
    ['jam buka kapan? lalu alamatnya dimana?', ['jam buka kapan?', 'alamatnya dimana?']],
    ['formulir siup dmn?? dan juga nib gmn caranya?', ['formulir siup dmn??', 'nib gmn caranya?']],
    ['when do you reopen? and also where are the forms?', ['when do you reopen?', 'where are the forms?']],
  ])('%j', (text, parts) => {
    expect(segments(text)).toEqual(parts);
  });

  it.each([
    'web nya error terus, gimana ini?',
    'kenapa web error terus padahal sudah bayar',
    'petugas loket minta uang tambahan supaya cepat',
    'cek http://dpmptsp.tabanankab.go.id/formulir?id=3 ini bener?',
    'mau tanya syarat izin dan juga biayanya',
  ])('one question stays one part: %j', (text) => {
    expect(segments(text)).toEqual([text]);
  });

  it('has no part for an empty message or bare punctuation', () => {
    expect(segments('')).toEqual([]);
    expect(segments(' ??? \n ')).toEqual([]);
  });
});
