import { STATUS_CODES } from 'node:http';

/** The one error shape of the API and the mock: the status, a short message, and the input that caused it. */
export interface JsonError {
  status: number;
  error: string;
  message: string;
  input?: string;
}

export function jsonError(status: number, message: string, input?: string): JsonError {
  return { status, error: STATUS_CODES[status] ?? 'Error', message, ...(input === undefined ? {} : { input: input.slice(0, 200) }) };
}
