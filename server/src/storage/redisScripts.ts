import { defineScript, type RedisArgument } from 'redis';

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
 * Adds a question (hash KEYS[2], listed in the sorted set KEYS[1]) unless the session has
 * ARGV[1] questions already: answers 1 when stored, 0 when full. A taken id is an error, as
 * SQLite's primary key refuses it.
 */
export const addQuestionScript = script({
  NUMBER_OF_KEYS: 2,
  SCRIPT: `
    if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
    if redis.call('EXISTS', KEYS[2]) == 1 then
      return redis.error_reply('ERR question already exists')
    end
    redis.call('HSET', KEYS[2], 'data', ARGV[4], 'status', ARGV[5], 'handledAt', ARGV[6])
    redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
    return 1`,
  parseCommand(
    parser,
    listKey: string,
    questionKey: string,
    maxPerSession: number,
    askedAt: number,
    id: string,
    data: string,
    status: string,
    handledAt: string,
  ) {
    parser.pushKey(listKey);
    parser.pushKey(questionKey);
    parser.push(String(maxPerSession), String(askedAt), id, data, status, handledAt);
  },
  transformReply: reply<number>(),
});

/**
 * Compare-and-set of a question's status: moves it to ARGV[1] (handledAt ARGV[2]) only if its
 * status is one of ARGV[3...]. Answers null for no such question, else
 * `[1 if moved else 0, data, status, handledAt]` as stored afterwards.
 */
export const moveQuestionScript = script({
  NUMBER_OF_KEYS: 1,
  SCRIPT: `
    local status = redis.call('HGET', KEYS[1], 'status')
    if not status then return false end
    local allowed = false
    for i = 3, #ARGV do
      if ARGV[i] == status then allowed = true end
    end
    if allowed then redis.call('HSET', KEYS[1], 'status', ARGV[1], 'handledAt', ARGV[2]) end
    local stored = redis.call('HMGET', KEYS[1], 'data', 'status', 'handledAt')
    return { allowed and 1 or 0, stored[1], stored[2], stored[3] }`,
  parseCommand(parser, questionKey: string, to: string, at: number, from: string[]) {
    parser.pushKey(questionKey);
    parser.push(to, String(at), ...from);
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
