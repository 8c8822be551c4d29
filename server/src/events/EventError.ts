/** A refusal of the events layer, with the HTTP status and body fields it answers with. */
export class EventError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
