import { z } from 'zod';
import { SHORT_REASONS } from '../domain/events.js';

/** Limits that keep a hostile or broken peer from exhausting memory; announced in `welcome`. */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;
export const MAX_BATCH = 500;

export const code = z.string().min(1).max(64);
export const shortReason = z.enum(SHORT_REASONS);
export const lotQuantity = z.object({
  lot: z.string().max(20).nullable(),
  expiry: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  quantity: z.number().int().positive(),
});

/**
 * Parses a text frame as JSON then against a schema; never throws. A refused frame that is JSON
 * with an `id` string of 1 to 64 characters gives it back (`id`): the request its error answers.
 */
export function decodeFrame<T>(schema: z.ZodType<T>, data: unknown): { ok: true; value: T } | { ok: false; message: string; id?: string } {
  const text = typeof data === 'string' ? data : Buffer.isBuffer(data) ? data.toString('utf8') : null;
  if (text === null) return { ok: false, message: 'frame is not text' };
  if (text.length > MAX_FRAME_BYTES) return { ok: false, message: 'frame too large' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'frame is not JSON' };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const id = code.safeParse((json as { id?: unknown } | null)?.id);
    return { ok: false, message: `invalid message: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown'}`, ...(id.success && { id: id.data }) };
  }
  return { ok: true, value: parsed.data };
}
