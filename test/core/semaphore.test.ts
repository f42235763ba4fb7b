import { describe, expect, it } from 'vitest';
import { Semaphore } from '../../connector/core/semaphore.ts';

describe('Semaphore', () => {
  it('admits up to its permits and then serves waiters first come, first served', async () => {
    const semaphore = new Semaphore(2);
    const order: string[] = [];
    await semaphore.acquire();
    await semaphore.acquire();
    const third = semaphore.acquire().then(() => order.push('third'));
    const fourth = semaphore.acquire().then(() => order.push('fourth'));
    await Promise.resolve();
    expect(order).toEqual([]);
    semaphore.release();
    await third;
    semaphore.release();
    await fourth;
    expect(order).toEqual(['third', 'fourth']);
  });

  it('runs a task holding a permit and gives it back however the task ends', async () => {
    const semaphore = new Semaphore(1);
    await expect(semaphore.run(async () => 'done')).resolves.toBe('done');
    await expect(semaphore.run(async () => Promise.reject(new Error('broke')))).rejects.toThrow('broke');
    // The failed task's permit came back: the next one runs at once.
    let ran = false;
    await semaphore.run(async () => void (ran = true));
    expect(ran).toBe(true);
  });

  it('refuses a pool without permits', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });
});
