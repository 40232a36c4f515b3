/** A whole-number setting from the environment, or `fallback`; anything else ends the process with a message naming it. */
export function readInteger(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    console.error(`error: ${name} must be a whole number from 0 to ${max}, received ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return value;
}
