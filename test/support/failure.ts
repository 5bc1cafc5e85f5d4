import { expect } from 'vitest';
import { DigestError } from '../../src/index.js';

/** Runs something expected to fail with a DigestError, and returns that error. */
export async function failure(run: Promise<unknown>): Promise<DigestError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DigestError);
  return error as DigestError;
}
