import { describe, expect, it } from 'vitest';
import { ComplaintFlowData, readState, written } from '../../../../src/features/complaints/flow-state.js';

const state: ComplaintFlowData = {
  draftId: 'abcdefgh12345678',
  step: 'permit',
  description: 'izin saya belum keluar dua bulan',
  permitNumber: null,
  name: null,
  contact: null,
  contactFromPlatform: false,
  attachments: [{ kind: 'photo', fileId: 'f1' }],
  language: 'id',
};

describe('the complaint form state read back', () => {
  it('a state the form wrote is copied: the same as its zod parse, key order included, and changing the copy leaves it alone', () => {
    const stored = written(state);
    const read = readState(stored);
    const parsed = ComplaintFlowData.safeParse(stored);
    expect(read.success && parsed.success).toBe(true);
    if (!read.success || !parsed.success) return;
    expect(JSON.stringify(read.data)).toBe(JSON.stringify(parsed.data));
    read.data.attachments.push({ kind: 'document' });
    read.data.step = 'name';
    expect(stored.attachments).toHaveLength(1);
    expect(stored.step).toBe('permit');
  });

  it('any other state (read from stored text) is validated: an invalid one fails', () => {
    const fromText: unknown = JSON.parse(JSON.stringify(written(state)));
    expect(readState(fromText).success).toBe(true);
    expect(readState({ ...state, step: 'nowhere' }).success).toBe(false);
    expect(readState(undefined).success).toBe(false);
  });
});
