import { log } from '../log.ts';
import { apiError } from './responses.ts';

/** The answer to a bug (not an input problem): what failed goes to the log, nothing internal to the client. */
export function crashAnswer(error: unknown): Response {
  log({ event: 'request.crash', error: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown' });
  return apiError(500, 'server_error', 'Something went wrong on our side; the lead was not lost if you were told it was accepted');
}
