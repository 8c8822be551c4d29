/** An event is a conference's design track: a few days, never an open-ended calendar. */
export const MAX_EVENT_DAYS = 14;
export const MAX_EVENT_ROOMS = 100;
export const MAX_SUGGESTED_TOPICS = 50;
export const MAX_TOPIC_LENGTH = 60;
/** Topics one proposal may carry: enough to be found, few enough to stay meaningful. */
export const MAX_PROPOSAL_TOPICS = 10;
/** Shorter than this is a chat, not a design session with a presentation and a discussion. */
export const MIN_PROPOSAL_MINUTES = 10;
export const MAX_PREPARATION_LINKS = 50;
