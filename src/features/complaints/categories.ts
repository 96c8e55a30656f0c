/**
 * Category suggestion from the complaint text. The keywords are data (`categories.json`, zod-checked at
 * load), not code: the office edits the list without touching the program. Matching is on whole words of the
 * lower-cased text; the category with the most hits wins (ties: the order of the file), else `lainnya`.
 */
import { z } from 'zod';
import { DataFileError } from '../../lib/errors.js';
import { describeIssues } from '../../lib/data-file.js';
import data from './categories.json' with { type: 'json' };
import { Category } from './schema.js';

const CategoryFile = z
  .object({
    $comment: z.string().optional(),
    categories: z.array(z.object({ id: Category, keywords: z.array(z.string().min(2)).min(1) }).strict()),
  })
  .strict();

/** Keyword lists in match order. @throws DataFileError when the file does not match its schema. */
export function parseCategoryFile(raw: unknown, file = 'src/features/complaints/categories.json'): { id: Category; keywords: RegExp[] }[] {
  const parsed = CategoryFile.safeParse(raw);
  if (!parsed.success) throw new DataFileError(file, describeIssues(parsed.error));
  return parsed.data.categories.map((c) => ({
    id: c.id,
    keywords: c.keywords.map((k) => new RegExp(`(?:^|[^\\p{L}\\p{N}])${escape(k.toLowerCase())}(?![\\p{L}\\p{N}])`, 'u')),
  }));
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
}

const TABLE = parseCategoryFile(data);

/** The category the text suggests; `lainnya` when no keyword matches. */
export function suggestCategory(text: string, table = TABLE): Category {
  const lower = text.toLowerCase();
  let best: Category = 'lainnya';
  let bestHits = 0;
  for (const { id, keywords } of table) {
    const hits = keywords.filter((k) => k.test(lower)).length;
    if (hits > bestHits) {
      best = id;
      bestHits = hits;
    }
  }
  return best;
}
