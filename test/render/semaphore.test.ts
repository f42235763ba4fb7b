import { describe, expect, it } from 'vitest';
import { Semaphore } from '../../connector/render/semaphore.ts';

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

  it('refuses a pool without permits', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });
});
