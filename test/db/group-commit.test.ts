import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../connector/db/group-commit.ts';

/** A writer that records its batches and can be held mid-write. */
function recordingWriter() {
  const batches: number[][] = [];
  let hold: Promise<void> | undefined;
  return {
    batches,
    holdNext() {
      let release!: () => void;
      hold = new Promise((resolve) => (release = resolve));
      return release;
    },
    async write(items: number[]) {
      batches.push(items);
      const held = hold;
      hold = undefined;
      await held;
      if (items.includes(13)) throw new Error('unlucky batch');
      return items.map((item) => item * 10);
    },
  };
}

describe('GroupCommit', () => {
  it('writes what arrives in one tick as one batch and answers each caller its own result', async () => {
    const writer = recordingWriter();
    const commits = new GroupCommit({ write: (items: number[]) => writer.write(items), maxBatch: 100, maxInFlight: 1 });
    const results = await Promise.all([1, 2, 3, 4].map((item) => commits.submit(item)));
    expect(results).toEqual([10, 20, 30, 40]);
    expect(writer.batches).toEqual([[1, 2, 3, 4]]);
    expect(commits.idle).toBe(true);
  });

  it('gathers what arrives during a write into the next batch, up to maxBatch', async () => {
    const writer = recordingWriter();
    const commits = new GroupCommit({ write: (items: number[]) => writer.write(items), maxBatch: 2, maxInFlight: 1 });
    const release = writer.holdNext();
    const first = commits.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(commits.idle).toBe(false);
    const later = [2, 3, 4, 5, 6].map((item) => commits.submit(item));
    release();
    expect(await Promise.all([first, ...later])).toEqual([10, 20, 30, 40, 50, 60]);
    expect(writer.batches).toEqual([[1], [2, 3], [4, 5], [6]]);
  });

  it('fails every caller of a failed batch and none of the others', async () => {
    const writer = recordingWriter();
    const commits = new GroupCommit({ write: (items: number[]) => writer.write(items), maxBatch: 2, maxInFlight: 1 });
    const outcomes = await Promise.allSettled([12, 13, 14].map((item) => commits.submit(item)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect((outcomes[0] as PromiseRejectedResult).reason).toEqual(new Error('unlucky batch'));
  });

  it('refuses a writer that answers the wrong number of results', async () => {
    const commits = new GroupCommit({ write: async (items: number[]) => items.slice(1), maxBatch: 10, maxInFlight: 1 });
    await expect(Promise.all([commits.submit(1), commits.submit(2)])).rejects.toThrow('group commit: 1 results for 2 items');
  });
});
