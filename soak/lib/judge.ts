/**
 * The oracle comparison: what one chat received against what the same messages got in-process (memory store).
 *
 * Expected pieces (turn, piece, text) are aligned with the received messages by the longest common
 * subsequence, a pair allowed only when the texts are equal and the message came after its turn was sent
 * (nothing answers a message before it exists). What the alignment leaves over:
 * - a received message equal to a still unmatched expected piece: delivered **out of order**;
 * - a received message equal to an already matched piece: a copy, the turn was **answered twice**, unless
 *   it stands next to an unexpected message (or next to such a copy): then it is part of a different answer
 *   (a form re-asking its question after a lost turn), counted with those;
 * - anything else: **unexpected** (a different answer: an error reply, a diverged conversation).
 * Per turn: no piece received = **unanswered**; some but not all = **cut short**.
 * Texts are compared after `normalise` (ticket and consultation numbers are random).
 */

/** One message a citizen sent, with what the oracle says it is answered with (normalised texts). */
export interface SentTurn {
  text: string;
  /** When it was handed to the fake Bot API (ms). */
  sentAt: number;
  expected: readonly string[];
}

/** One message the chat received (visible text, normalised). */
export interface ReceivedMessage {
  text: string;
  at: number;
}

export interface ChatVerdict {
  turns: number;
  /** Turns expecting an answer that got all of it. */
  answered: number;
  unanswered: number;
  cutShort: number;
  /** Turns with at least one piece received twice (or more). */
  answeredTwice: number;
  /** Extra copies received. */
  copies: number;
  /** Messages that arrived, but not in the order of the oracle. */
  outOfOrder: number;
  /** Messages the oracle did not expect at all. */
  unexpected: number;
  /** Turns answered completely but later than `lateMs` after they were sent. */
  late: number;
  /** Per turn: ms from sending to its last piece (only fully answered turns). */
  delays: number[];
  /** Human-readable findings (first few). */
  notes: string[];
}

/** Random parts of a reply: ticket and consultation numbers. */
export function normalise(text: string): string {
  return text.replace(/\b(ADU|KON)-[0-9A-Z]{6}\b/g, '$1-XXXXXX');
}

interface Item {
  turn: number;
  piece: number;
  text: string;
  sentAt: number;
}

export function judgeChat(turns: readonly SentTurn[], received: readonly ReceivedMessage[], lateMs = Number.POSITIVE_INFINITY): ChatVerdict {
  const items: Item[] = turns.flatMap((t, turn) => t.expected.map((text, piece) => ({ turn, piece, text, sentAt: t.sentAt })));
  const n = items.length;
  const m = received.length;
  const ok = (i: number, j: number) => {
    const e = items[i] as Item;
    const r = received[j] as ReceivedMessage;
    return e.text === r.text && r.at >= e.sentAt;
  };
  // LCS table, (n+1) x (m+1), from the end.
  const w = m + 1;
  const dp = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * w + j] = ok(i, j) ? (dp[(i + 1) * w + j + 1] as number) + 1 : Math.max(dp[(i + 1) * w + j] as number, dp[i * w + j + 1] as number);
    }
  }
  const matchOf = new Array<number>(n).fill(-1);
  const itemOf = new Array<number>(m).fill(-1);
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (ok(i, j) && dp[i * w + j] === (dp[(i + 1) * w + j + 1] as number) + 1) {
      matchOf[i] = j;
      itemOf[j] = i;
      i++;
      j++;
    } else if ((dp[(i + 1) * w + j] as number) >= (dp[i * w + j + 1] as number)) i++;
    else j++;
  }
  const notes: string[] = [];
  const note = (s: string) => {
    if (notes.length < 6) notes.push(s);
  };
  let outOfOrder = 0;
  let unexpected = 0;
  /** Per received message left over: the turn it copies (a copy), or -1 (unexpected). */
  const copyOfTurn = new Map<number, number>();
  for (let j = 0; j < m; j++) {
    if (itemOf[j] !== -1) continue;
    const r = received[j] as ReceivedMessage;
    const free = items.findIndex((e, i) => matchOf[i] === -1 && e.text === r.text && r.at >= e.sentAt);
    if (free >= 0) {
      matchOf[free] = j;
      itemOf[j] = free;
      outOfOrder += 1;
      note(`out of order: turn ${(items[free] as Item).turn + 1} piece ${(items[free] as Item).piece + 1} "${short(r.text)}"`);
      continue;
    }
    // A copy of a piece already received: attribute it to the latest turn it can belong to.
    let copyOf = -1;
    for (let i = 0; i < n; i++) if ((items[i] as Item).text === r.text && r.at >= (items[i] as Item).sentAt) copyOf = i;
    copyOfTurn.set(j, copyOf >= 0 ? (items[copyOf] as Item).turn : -1);
  }
  // A copy beside an unexpected message (or beside such a copy) belongs to that different answer; the rest
  // are answers given twice.
  const other = new Set([...copyOfTurn].filter(([, turn]) => turn === -1).map(([j]) => j));
  for (let grew = true; grew; ) {
    grew = false;
    for (const j of copyOfTurn.keys()) {
      if (!other.has(j) && (other.has(j - 1) || other.has(j + 1))) {
        other.add(j);
        grew = true;
      }
    }
  }
  const strange = (j: number) => other.has(j);
  let copies = 0;
  const copiedTurns = new Set<number>();
  for (const [j, turn] of copyOfTurn) {
    const r = received[j] as ReceivedMessage;
    if (turn >= 0 && !strange(j)) {
      copies += 1;
      copiedTurns.add(turn);
      note(`answered twice: turn ${turn + 1} "${short(r.text)}"`);
    } else {
      unexpected += 1;
      note(`other answer: "${short(r.text)}"`);
    }
  }
  let answered = 0;
  let unanswered = 0;
  let cutShort = 0;
  let late = 0;
  const delays: number[] = [];
  turns.forEach((t, turn) => {
    if (t.expected.length === 0) return;
    const got = items.map((e, i) => (e.turn === turn ? matchOf[i] : undefined)).filter((x): x is number => x !== undefined);
    const count = got.filter((j) => j >= 0).length;
    if (count === 0) {
      unanswered += 1;
      note(`unanswered: turn ${turn + 1} "${short(t.text)}"`);
    } else if (count < t.expected.length) {
      cutShort += 1;
      note(`cut short: turn ${turn + 1} "${short(t.text)}" got ${count} of ${t.expected.length} pieces`);
    } else {
      answered += 1;
      const last = Math.max(...got.map((j) => (received[j] as ReceivedMessage).at));
      delays.push(last - t.sentAt);
      if (last - t.sentAt > lateMs) late += 1;
    }
  });
  return { turns: turns.length, answered, unanswered, cutShort, answeredTwice: copiedTurns.size, copies, outOfOrder, unexpected, late, delays, notes };
}

function short(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 60 ? `${one.slice(0, 57)}…` : one;
}

/** The sum of several chats' verdicts. */
export function total(verdicts: readonly ChatVerdict[]): ChatVerdict {
  const sum: ChatVerdict = { turns: 0, answered: 0, unanswered: 0, cutShort: 0, answeredTwice: 0, copies: 0, outOfOrder: 0, unexpected: 0, late: 0, delays: [], notes: [] };
  for (const v of verdicts) {
    sum.turns += v.turns;
    sum.answered += v.answered;
    sum.unanswered += v.unanswered;
    sum.cutShort += v.cutShort;
    sum.answeredTwice += v.answeredTwice;
    sum.copies += v.copies;
    sum.outOfOrder += v.outOfOrder;
    sum.unexpected += v.unexpected;
    sum.late += v.late;
    sum.delays.push(...v.delays);
    for (const n of v.notes) if (sum.notes.length < 8) sum.notes.push(n);
  }
  return sum;
}
