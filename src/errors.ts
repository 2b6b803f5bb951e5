// One error type per kind of failure. Adapters map them to exit codes (CLI) or
// HTTP statuses (API); nothing else should throw plain Error for these cases.

/** Input that breaks a schema: an HTTP body, a queue message, a tracker, a file. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    message: string,
    /** Where the bad value is: a file name, a field path such as `body.documents[2].url`. */
    readonly where?: string,
  ) {
    super(where ? `${where}: ${message}` : message);
  }
}

/** A tracker file that cannot be read or does not satisfy the tracker schema. */
export class TrackerError extends Error {
  override readonly name = 'TrackerError';
  constructor(
    readonly file: string,
    /** Path inside the tracker, such as `actors[3].aliases[1]`; empty for the whole file. */
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${file}${path ? ` at ${path}` : ''}: ${reason}`);
  }
}

/** A named thing (document, tracker, route) that does not exist. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** Configuration (environment, cdk.json context) that is missing or malformed. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** A command line that cannot be understood: unknown command, missing argument, bad flag. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Input over a stated size limit: a request body, a batch, a text that does not fit in an item. */
export class TooLargeError extends Error {
  override readonly name = 'TooLargeError';
}

/** A request body in a media type the API does not read (it reads JSON only). */
export class UnsupportedMediaTypeError extends Error {
  override readonly name = 'UnsupportedMediaTypeError';
}

/** A known path asked with a method it does not serve. */
export class MethodNotAllowedError extends Error {
  override readonly name = 'MethodNotAllowedError';
  constructor(readonly allowed: readonly string[]) {
    super(`method not allowed; allowed: ${allowed.join(', ')}`);
  }
}

/** A conditional write lost to a concurrent writer; the caller re-reads and tries again. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

/** An HTTP API (the local server or a deployed one) that cannot be reached or answered with an error. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    /** The URL that was asked. */
    readonly url: string,
    /** The HTTP status of the answer; absent when the server could not be reached. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * A news source (feed or page) that could not be fetched or read: refused address,
 * DNS failure, timeout, HTTP error, body over the limit, malformed feed, no article.
 * The scheduled run logs it per source and carries on with the others.
 */
export class SourceError extends Error {
  override readonly name = 'SourceError';
  constructor(
    /** A short stable code for logs and metrics, such as `timeout` or `refused-address`. */
    readonly reason: SourceFailureReason,
    message: string,
    /** The URL that failed (the redirect hop, the item page), when there is one. */
    readonly url?: string,
  ) {
    super(message);
  }
}

export const SOURCE_FAILURE_REASONS = [
  'bad-url',
  'refused-address',
  'dns',
  'connection',
  'timeout',
  'too-large',
  'too-many-redirects',
  'http-status',
  'malformed-feed',
  'not-a-feed',
  'no-article',
  'ingest',
  'deadline',
] as const;
export type SourceFailureReason = (typeof SOURCE_FAILURE_REASONS)[number];

/**
 * A language model that could not answer now: throttled, a 5xx, a timeout. The tag function
 * fails that one queue message, so SQS delivers it again later (then dead-letters it).
 */
export class ModelUnavailableError extends Error {
  override readonly name = 'ModelUnavailableError';
}
