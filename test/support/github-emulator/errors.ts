/** Errors the emulator answers with, shaped like GitHub's error bodies. */

/** An HTTP error with GitHub's JSON body (`{ message, documentation_url, ... }`). */
export class HttpError extends Error {
  override readonly name = 'HttpError'
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {}
  ) {
    super(message)
  }

  /** The response body GitHub would send. */
  body(): Record<string, unknown> {
    return {
      message: this.message,
      documentation_url: 'https://docs.github.com/rest',
      status: String(this.status),
      ...this.extra
    }
  }
}

/** 404 Not Found, as GitHub answers for anything missing or invisible. */
export function notFound(): HttpError {
  return new HttpError(404, 'Not Found')
}

/** 422 Validation Failed with GitHub's `errors` array. */
export function validationFailed(message: string, resource = 'Issue', field = ''): HttpError {
  return new HttpError(422, 'Validation Failed', { errors: [{ resource, field, code: 'custom', message }] })
}

/** 403 for a token whose user lacks the repository role an endpoint needs. */
export function forbidden(message = 'Resource not accessible by integration'): HttpError {
  return new HttpError(403, message)
}

/** Text of an unknown thrown value. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
