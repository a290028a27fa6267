/** A test still to write: fails with what to write. Replace the call with the test's arrange, act and assert. */
export function todo(what: string): never {
  const error = new Error(`To do: ${what}`);
  Error.captureStackTrace(error, todo); // point at the test, not at this helper
  throw error;
}
