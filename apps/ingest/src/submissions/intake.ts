import { ErrorDetail, IngestedStory, sanitizedBodyText, submissionSchema, zodDetails } from '@broadsheet/contracts';
import { statusRefusal, wireFields } from './wire-status';
import { removedBySanitizer } from '../cleaning/derive';
import { operatorKeys } from '../cleaning/operators';
import { prepare, StoryDefaults } from '../cleaning/prepare';
import { signature } from '../near-duplicates/minhash';
import { normalize } from './normalize';

/** The source a story comes from, as intake applies it. */
export interface SourceProfile extends StoryDefaults {
  name: string;
  /** Trusted wire: editorial publishes its stories with no person touching them. */
  autoPublish: boolean;
}

export type Intake =
  | {
      ok: true;
      story: IngestedStory;
      /** Elements and attributes the sanitizer took out of the body. */
      sanitizerRemoved: number;
      /** MinHash of headline and body text, for near-duplicate lookup. */
      signature: number[];
      /** The source's own version number, when it sent one: the revision this version gets. */
      version?: number;
    }
  | { ok: false; reasons: ErrorDetail[]; externalId?: string };

/** The canonical story with what agencies add to it (version, publishing status). */
const intakeSchema = submissionSchema.extend(wireFields);

/**
 * One story from any format, cleaned: defaults filled, validated (which sanitizes), normalized and
 * fingerprinted. Pure, so every intake (HTTP one by one, batch, Kafka, feed polls) applies the same rules.
 */
export function intake(raw: unknown, source: SourceProfile): Intake {
  const operators = operatorKeys(raw);
  if (operators.length > 0) return { ok: false, reasons: operators };
  const prepared = prepare(raw, source);
  const parsed = intakeSchema.safeParse(prepared.input);
  if (!parsed.success) return { ok: false, reasons: zodDetails(parsed.error) };
  const refused = statusRefusal(parsed.data.pubStatus);
  if (refused.length > 0) return { ok: false, reasons: refused };
  const { version } = parsed.data;
  // The body's text is read once, from the sanitized body: the derived summary and the fingerprint start from it.
  const bodyText = sanitizedBodyText(parsed.data.body);
  const flags = { flash: prepared.flash, autoPublish: source.autoPublish, bodyText };
  const story = normalize(source.name, parsed.data, version ?? 1, flags);
  const sentBody = (prepared.input as { body?: unknown }).body;
  return {
    ok: true,
    story,
    sanitizerRemoved: removedBySanitizer(sentBody, story.body),
    signature: prepared.flash ? [] : signature(`${story.headline}\n${bodyText}`, story.language),
    version,
  };
}
