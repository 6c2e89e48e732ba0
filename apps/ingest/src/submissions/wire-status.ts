import { DomainError, ErrorCodes, ErrorDetail } from '@broadsheet/contracts';
import { z } from 'zod';

/** Largest source version taken (NewsML-G2 `version` is an xs:positiveInteger; agencies count from 1). */
export const MAX_VERSION = 2_147_483_647;

/** IPTC publishing statuses (NewsML-G2 `stat:` codes, ninjs `pubstatus`/`pubStatus`). */
export const PubStatuses = ['usable', 'withheld', 'canceled'] as const;

/**
 * What an agency says about a story beyond its content, accepted in canonical JSON as well as mapped from
 * NewsML-G2 and ninjs, so every intake (HTTP, batch, Kafka, feed) applies the same rules.
 */
export const wireFields = {
  // Bounded well inside safe integers, so the next revision (held + 1) is one too.
  version: z
    .number()
    .int()
    .positive()
    .max(MAX_VERSION)
    .optional()
    .describe(
      "The source's version number of the story (NewsML-G2 `version`, ninjs `version`); when given it is the " +
        'revision. A changed story whose version is not newer than the one held is refused (409, path `version`).',
    ),
  pubStatus: z
    .enum(PubStatuses)
    .optional()
    .describe(
      "The agency's publishing status. Only `usable` (or none) is taken; `withheld` and `canceled` are refused " +
        '(400, path `pubStatus`): ingest never takes a story held back or withdrawn, and withdraws none already ' +
        'taken (an editor kills it in editorial).',
    ),
};

/** Why a story's publishing status keeps it out; empty when it may be taken. */
export function statusRefusal(pubStatus: string | undefined): ErrorDetail[] {
  if (pubStatus === 'withheld') {
    return [{ path: 'pubStatus', message: 'withheld: the agency holds this story back; send it again once usable' }];
  }
  if (pubStatus === 'canceled') {
    return [
      {
        path: 'pubStatus',
        message:
          'canceled: the agency withdrew this story; ingest takes no withdrawn story and withdraws none already ' +
          'taken (an editor kills it in editorial)',
      },
    ];
  }
  return [];
}

/**
 * The revision a changed story gets: the source's own version when it sent one, else one more than held.
 * A version not newer than the held revision is an older copy arriving late, refused rather than
 * written over a newer one.
 */
export function nextRevision(held: number | undefined, version: number | undefined): number {
  if (version === undefined) return (held ?? 0) + 1;
  if (held !== undefined && version <= held) {
    throw new DomainError(ErrorCodes.Conflict, `version ${version} is not newer than the story held`, [
      { path: 'version', message: `version ${version} is not newer than revision ${held}, already taken` },
    ]);
  }
  return version;
}

/** A format's spelling of a version ("4", 4) as a number; anything else as sent, for the schema to refuse. */
export function versionOf(value: unknown): unknown {
  if (typeof value === 'string' && /^\d{1,15}$/.test(value.trim())) return Number(value.trim());
  return value;
}

/** A format's spelling of a publishing status (`stat:canceled`, `Canceled`) as the status; anything else as sent. */
export function pubStatusOf(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const status = value
    .trim()
    .toLowerCase()
    .replace(/^stat:/, '');
  return (PubStatuses as readonly string[]).includes(status) ? status : value;
}
