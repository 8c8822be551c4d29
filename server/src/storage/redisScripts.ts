import { defineScript, type RedisArgument } from 'redis';
import type { QuestionAdd, QuestionQuota } from './Storage.js';

/*
 * The Lua scripts behind RedisStorage. Redis runs a script as one step, so each is atomic
 * against every other client: that is what SQLite's transactions give SqliteStorage.
 * The client sends EVALSHA and falls back to EVAL once per Redis (re)start.
 *
 * Stream ids are `0-<seq>` (see redisKeys.ts). `string.format('%d')` writes a seq as digits,
 * where Lua's own number-to-string would switch to `1e+14` notation.
 * XTRIM MINID needs Redis 6.2 or later.
 */

/** What defineScript answers, spelled here so declaration files can name it. */
type Script<Config> = Config & { SHA1: string };

function script<Config extends Parameters<typeof defineScript>[0]>(config: Config): Script<Config> {
  return defineScript(config);
}

/** A script reply whose shape the script itself fixes; RedisStorage reads it. */
function reply<T>(): () => T {
  return undefined as unknown as () => T;
}

/** Gives the update the document's next seq and appends it to the log under that id. */
export const appendUpdateScript = script({
  NUMBER_OF_KEYS: 2,
  SCRIPT: `
    local seq = redis.call('INCR', KEYS[1])
    redis.call('XADD', KEYS[2], string.format('0-%d', seq), ARGV[1], ARGV[2], ARGV[3], ARGV[4])
    return seq`,
  parseCommand(parser, seqKey: string, logKey: string, field: string, update: RedisArgument, originField: string, origin: string) {
    parser.pushKey(seqKey);
    parser.pushKey(logKey);
    parser.push(field, update, originField, origin);
  },
  transformReply: reply<number>(),
});

/**
 * Reads snapshot and log in one step, so no compaction can fall between them.
 * Answers `[snapshot or null, lastSeq, ...updates after the snapshot]`.
 */
export const loadDocumentScript = script({
  NUMBER_OF_KEYS: 3,
  SCRIPT: `
    local snapshot = redis.call('GET', KEYS[1])
    local lastSeq = tonumber(redis.call('GET', KEYS[2])) or 0
    local entries = redis.call('XRANGE', KEYS[3], string.format('0-%d', lastSeq + 1), '+')
    local result = { snapshot, 0 }
    for _, entry in ipairs(entries) do
      lastSeq = tonumber(string.match(entry[1], '^0%-(%d+)$'))
      result[#result + 1] = entry[2][2] -- an entry's fields are { 'u', update }
    end
    result[2] = lastSeq
    return result`,
  parseCommand(parser, snapshotKey: string, snapshotSeqKey: string, logKey: string) {
    parser.pushKey(snapshotKey);
    parser.pushKey(snapshotSeqKey);
    parser.pushKey(logKey);
  },
  transformReply: reply<Array<Buffer | number | null>>(),
});

/**
 * Stores the snapshot unless a newer one (higher seq) is there already, and drops the log entries
 * the previous snapshot included.
 */
export const compactDocumentScript = script({
  NUMBER_OF_KEYS: 3,
  SCRIPT: `
    local throughSeq = tonumber(ARGV[2])
    local storedSeq = tonumber(redis.call('GET', KEYS[2]))
    if storedSeq == nil or throughSeq >= storedSeq then
      redis.call('SET', KEYS[1], ARGV[1])
      redis.call('SET', KEYS[2], string.format('%d', throughSeq))
      -- Entries are kept one compaction longer than the snapshot needs them: other processes
      -- read the stream to follow the document, and one that lags a little still finds them.
      if storedSeq ~= nil then
        redis.call('XTRIM', KEYS[3], 'MINID', string.format('0-%d', storedSeq + 1))
      end
    end
    return 1`,
  parseCommand(
    parser,
    snapshotKey: string,
    snapshotSeqKey: string,
    logKey: string,
    snapshot: RedisArgument,
    throughSeq: number,
  ) {
    parser.pushKey(snapshotKey);
    parser.pushKey(snapshotSeqKey);
    parser.pushKey(logKey);
    parser.push(snapshot, String(throughSeq));
  },
  transformReply: reply<number>(),
});

/**
 * Compare-and-set of a versioned record (a timer, a schedule: hash {version, data}): writes only
 * if the stored version is `expectedVersion` (0: none stored) and answers the new version, or null
 * when someone else wrote first.
 */
export const saveVersionedScript = script({
  NUMBER_OF_KEYS: 1,
  SCRIPT: `
    local stored = tonumber(redis.call('HGET', KEYS[1], 'version')) or 0
    if stored ~= tonumber(ARGV[2]) then return false end
    local version = stored + 1
    redis.call('HSET', KEYS[1], 'version', version, 'data', ARGV[1])
    return version`,
  parseCommand(parser, key: string, data: string, expectedVersion: number) {
    parser.pushKey(key);
    parser.push(data, String(expectedVersion));
  },
  transformReply: reply<number | null>(),
});

/**
 * Writes a session and its tokens (KEYS[i] gets ARGV[i]) only if none of those keys exists, as
 * SQLite's primary keys refuse a duplicate: a colliding id must not overwrite someone's session.
 */
export const createSessionScript = script({
  SCRIPT: `
    for _, key in ipairs(KEYS) do
      if redis.call('EXISTS', key) == 1 then
        return redis.error_reply('ERR session or token already exists')
      end
    end
    for i, key in ipairs(KEYS) do redis.call('SET', key, ARGV[i]) end
    return 1`,
  parseCommand(parser, keys: string[], values: string[]) {
    parser.pushKeysLength(keys);
    parser.push(...values);
  },
  transformReply: reply<number>(),
});

/**
 * Adds a question (hash KEYS[2], listed in the sorted set KEYS[1]) unless a bound is reached, in
 * this order: the session holds ARGV[1] questions ('session-full'), ARGV[2] open ones (the set
 * KEYS[3]: 'open-full'), or the asker ARGV[3] has ARGV[4] open ones (its count in the hash
 * KEYS[4]: 'asker-full'). Answers 'added' when stored. A taken id is an error, as SQLite's
 * primary key refuses it.
 */
export const addQuestionScript = script({
  NUMBER_OF_KEYS: 4,
  SCRIPT: `
    if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 'session-full' end
    if redis.call('SCARD', KEYS[3]) >= tonumber(ARGV[2]) then return 'open-full' end
    if (tonumber(redis.call('HGET', KEYS[4], ARGV[3])) or 0) >= tonumber(ARGV[4]) then return 'asker-full' end
    if redis.call('EXISTS', KEYS[2]) == 1 then
      return redis.error_reply('ERR question already exists')
    end
    redis.call('HSET', KEYS[2], 'data', ARGV[7], 'status', ARGV[8], 'handledAt', ARGV[9], 'asker', ARGV[3])
    redis.call('ZADD', KEYS[1], ARGV[5], ARGV[6])
    if ARGV[8] == 'open' then
      redis.call('SADD', KEYS[3], ARGV[6])
      redis.call('HINCRBY', KEYS[4], ARGV[3], 1)
    end
    return 'added'`,
  parseCommand(
    parser,
    keys: { list: string; question: string; open: string; openByAsker: string },
    quota: QuestionQuota,
    askedAt: number,
    id: string,
    data: string,
    status: string,
    handledAt: string,
  ) {
    parser.pushKeys([keys.list, keys.question, keys.open, keys.openByAsker]);
    parser.push(String(quota.perSession), String(quota.openPerSession), quota.asker, String(quota.openPerAsker));
    parser.push(String(askedAt), id, data, status, handledAt);
  },
  transformReply: reply<QuestionAdd>(),
});

/**
 * Compare-and-set of a question's status (hash KEYS[1], id ARGV[3]): moves it to ARGV[1]
 * (handledAt ARGV[2]) only if its status is one of ARGV[4...], and keeps the open set KEYS[2] and
 * the asker's open count in KEYS[3] in step. Answers null for no such question, else
 * `[1 if moved else 0, data, status, handledAt]` as stored afterwards.
 */
export const moveQuestionScript = script({
  NUMBER_OF_KEYS: 3,
  SCRIPT: `
    local status = redis.call('HGET', KEYS[1], 'status')
    if not status then return false end
    local allowed = false
    for i = 4, #ARGV do
      if ARGV[i] == status then allowed = true end
    end
    if allowed then
      redis.call('HSET', KEYS[1], 'status', ARGV[1], 'handledAt', ARGV[2])
      -- No move keeps a status, so a move from open leaves the queue and a move to open joins it.
      -- A question stored before the counts were kept has no asker: it counts for the session only.
      local asker = redis.call('HGET', KEYS[1], 'asker')
      if status == 'open' then
        redis.call('SREM', KEYS[2], ARGV[3])
        if asker and redis.call('HINCRBY', KEYS[3], asker, -1) <= 0 then redis.call('HDEL', KEYS[3], asker) end
      elseif ARGV[1] == 'open' then
        redis.call('SADD', KEYS[2], ARGV[3])
        if asker then redis.call('HINCRBY', KEYS[3], asker, 1) end
      end
    end
    local stored = redis.call('HMGET', KEYS[1], 'data', 'status', 'handledAt')
    return { allowed and 1 or 0, stored[1], stored[2], stored[3] }`,
  parseCommand(
    parser,
    keys: { question: string; open: string; openByAsker: string },
    id: string,
    to: string,
    at: number,
    from: string[],
  ) {
    parser.pushKeys([keys.question, keys.open, keys.openByAsker]);
    parser.push(to, String(at), id, ...from);
  },
  transformReply: reply<Array<number | string> | null>(),
});

export const storageScripts = {
  appendUpdate: appendUpdateScript,
  loadDocument: loadDocumentScript,
  compactDocument: compactDocumentScript,
  saveVersioned: saveVersionedScript,
  createSession: createSessionScript,
  addQuestion: addQuestionScript,
  moveQuestion: moveQuestionScript,
};
