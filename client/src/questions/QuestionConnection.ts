import {
  QUESTION_ASK_EVENT,
  QUESTION_CHANGED_EVENT,
  QUESTION_LIST_EVENT,
  QUESTION_MARK_EVENT,
  type AskAck,
  type MarkAck,
  type Question,
  type QuestionList,
  type QuestionStatus,
} from '@roundtable/shared';
import type { ControlSocket } from '../control/controlSocket';

/** An answer this late is reported as failed; the next change will tell what happened. */
const ANSWER_TIMEOUT_MS = 5000;
/**
 * A question typed while the socket (re)connects waits this long for it: the page's first seconds,
 * or a network blip, should not turn into an error the person has to retry.
 */
const CONNECT_WAIT_MS = 5000;
const NOT_CONNECTED = { ok: false, error: 'server-error', message: 'not connected to the server' } as const;
/** No answer in time: unlike NOT_CONNECTED, the server may have done it (only its answer was lost). */
const NO_ANSWER = { ok: false, error: 'server-error', message: 'the server did not answer' } as const;

/** Whether an answer is a lost one: the command went out, and whether the server did it is unknown. */
export function isLostAnswer(answer: AskAck | MarkAck): boolean {
  return !answer.ok && answer.error === NO_ANSWER.error && answer.message === NO_ANSWER.message;
}

/**
 * Questions from afar on the control socket: the list the server sends on connect and every
 * change after it (all questions for people in the room, their own for a follower), asking, and
 * moving a question through the queue. Shaped for React's useSyncExternalStore.
 */
export class QuestionConnection {
  private questions: Question[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly socket: ControlSocket) {
    socket.on(QUESTION_LIST_EVENT, this.receiveList);
    socket.on(QUESTION_CHANGED_EVENT, this.receiveOne);
  }

  /** Oldest first. */
  readonly getSnapshot = (): readonly Question[] => this.questions;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly ask = (name: string, text: string): Promise<AskAck> =>
    this.command(() => this.socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck(QUESTION_ASK_EVENT, { name, text }));

  readonly mark = (id: string, status: QuestionStatus): Promise<MarkAck> =>
    this.command(() => this.socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck(QUESTION_MARK_EVENT, { id, status }));

  /** Sends a command once connected; the question in a yes is shown at once, before its broadcast. */
  private async command<A extends AskAck | MarkAck>(send: () => Promise<A>): Promise<A | typeof NOT_CONNECTED | typeof NO_ANSWER> {
    // socket.io would buffer it and send it on reconnect, maybe minutes later: wait a little, then refuse.
    if (!(await this.connected())) return NOT_CONNECTED;
    try {
      const answer = await send();
      if (answer.ok) this.receiveOne(answer.question);
      return answer;
    } catch {
      return NO_ANSWER;
    }
  }

  /** Whether the socket is connected now, or connects within CONNECT_WAIT_MS. */
  private connected(): Promise<boolean> {
    if (this.socket.connected) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.socket.off('connect', onConnect);
        resolve(ok);
      };
      const onConnect = () => done(true);
      const timer = setTimeout(() => done(false), CONNECT_WAIT_MS);
      this.socket.on('connect', onConnect);
    });
  }

  close(): void {
    this.socket.off(QUESTION_LIST_EVENT, this.receiveList);
    this.socket.off(QUESTION_CHANGED_EVENT, this.receiveOne);
    this.listeners.clear();
  }

  /**
   * The list is what the server had when the socket connected; a change made just after may have
   * arrived first. Merged, newest copy of each question wins, so neither is lost.
   */
  private readonly receiveList = (list: QuestionList): void => {
    this.merge(list.questions);
  };

  private readonly receiveOne = (question: Question): void => {
    this.merge([question]);
  };

  private merge(incoming: readonly Question[]): void {
    const byId = new Map(this.questions.map((q) => [q.id, q]));
    for (const question of incoming) {
      const known = byId.get(question.id);
      // An older copy (the broadcast after our own ack's copy, say) never undoes a newer one.
      if (known && (known.handledAt ?? 0) > (question.handledAt ?? 0)) continue;
      byId.set(question.id, question);
    }
    this.questions = [...byId.values()].sort((a, b) => a.askedAt - b.askedAt || a.id.localeCompare(b.id));
    this.notify();
  }

  private notify(): void {
    this.listeners.forEach((listener) => listener());
  }
}
