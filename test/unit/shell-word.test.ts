import { describe, expect, it } from 'vitest';
import { shellWord } from '../../src/runtime/shell-word.js';

describe('shell words in the commands Quai prints to paste (pg_dump, pg_restore)', () => {
  it('leaves a plain path as it is and quotes one with spaces, quotes or shell characters', () => {
    expect(shellWord('/var/backups/quai/agent-2026-11-30.dump')).toBe('/var/backups/quai/agent-2026-11-30.dump');
    expect(shellWord('postgres://quai@db.example:5432/quai_agent')).toBe('postgres://quai@db.example:5432/quai_agent');
    expect(shellWord('/mnt/clé usb/quai.dump')).toBe("'/mnt/clé usb/quai.dump'");
    expect(shellWord("/tmp/l'agent.dump")).toBe("'/tmp/l'\\''agent.dump'");
    expect(shellWord('/tmp/$(rm -rf ~).dump')).toBe("'/tmp/$(rm -rf ~).dump'");
    expect(shellWord('postgres://quai@db/quai?sslmode=require&x=1')).toBe("'postgres://quai@db/quai?sslmode=require&x=1'");
  });
});
