/** A problem found in a content file, located precisely enough to fix it without searching. */
export interface ContentError {
  /** Path relative to the project root, e.g. `content/codes/421.md`. */
  file: string;
  line: number;
  /** Where in the file: a front-matter field (`related[2].code`) or a section (`## Common causes`). */
  field: string;
  message: string;
}

/** `content/codes/421.md:3 front matter "class": expected "4xx" for code 421, received "client"` */
export function formatContentError(error: ContentError): string {
  return `${error.file}:${error.line} ${error.field}: ${error.message}`;
}

/** Thrown by the compiler once every file has been checked, carrying all the problems found. */
export class ContentValidationError extends Error {
  readonly errors: readonly ContentError[];

  constructor(errors: readonly ContentError[]) {
    super(`${errors.length} problem${errors.length === 1 ? '' : 's'} in content:\n${errors.map(formatContentError).join('\n')}`);
    this.name = 'ContentValidationError';
    this.errors = errors;
  }
}
