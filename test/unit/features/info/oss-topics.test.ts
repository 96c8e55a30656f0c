/**
 * The OSS sub-topics of the office data, topic by topic: the question a citizen types finds its topic, and the
 * answer the citizen sees is that topic's text from the data file, in both languages.
 */
import { describe, expect, it } from 'vitest';
import { loadKnowledgeFiles } from '../../../../src/app.js';
import * as answers from '../../../../src/features/info/answers.js';
import type { Knowledge } from '../../../../src/kernel/knowledge.js';
import { Translator } from '../../../../src/kernel/locale.js';
import { replyText } from '../../../../src/kernel/message.js';
import { normalise } from '../../../../src/nlu/normalise.js';
import { testConfig } from '../../../support/app.js';

const { office, locales } = loadKnowledgeFiles(testConfig());
const k: Knowledge = { office, closure: office.closure, locales, now: new Date('2020-09-21T01:00:00Z'), sessionIdleMs: 60_000 };
const noEntities = { forms: [], services: [] };

describe('OSS sub-topics (offices/tabanan.json)', () => {
  it.each<[string, string]>([
    ['lupa password akun oss', 'password'],
    ['email saya hilang, gimana akun oss', 'email'],
    ['emailnya sudah tidak aktif', 'email'],
    ['nib itu apa sih', 'nib'],
    ['umkm wajib punya nib?', 'wajib'],
    ['usaha mikro harus daftar oss?', 'wajib'],
    ['oss bilang NIK yang Anda masukkan sudah terdaftar, pdhl blm pernah daftar', 'nik'],
    ['it says my NIK is already registered', 'nik'],
  ])('%j → %s', (question, id) => {
    const n = normalise(question);
    expect(answers.ossTopicOf(office, n)?.id).toBe(id);
    const topic = office.oss.topics.find((t) => t.id === id);
    for (const language of ['id', 'en'] as const) {
      const text = answers.ossRegistration(new Translator(locales, language), k, { normalised: n, entities: noEntities }).map(replyText).join('\n');
      expect(text).toContain(topic?.answer[language]);
      expect(text).toContain(office.oss.url);
    }
  });

  it('a question about OSS in general gets the overview, not a sub-topic', () => {
    expect(answers.ossTopicOf(office, normalise('cara daftar oss gimana'))).toBeUndefined();
  });
});
