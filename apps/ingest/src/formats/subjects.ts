/** An IPTC subject as the formats carry it: a qcode (`medtop:11000000`), a URI, and/or a name. */
export interface Subject {
  code?: string;
  uri?: string;
  name?: string;
}

/**
 * The seventeen top-level IPTC Media Topics (and the Subject NewsCodes they grew from, which share the
 * numbers) as desk categories. Narrower topics are not listed: a story tagged only with one takes its
 * source's default category instead of a guess.
 */
const topLevel: Record<string, string> = {
  '01': 'Arts & Culture',
  '02': 'Crime & Justice',
  '03': 'Disasters',
  '04': 'Business & Economy',
  '05': 'Education',
  '06': 'Environment',
  '07': 'Health',
  '08': 'Human Interest',
  '09': 'Labour',
  '10': 'Lifestyle',
  '11': 'Politics',
  '12': 'Religion',
  '13': 'Science & Technology',
  '14': 'Society',
  '15': 'Sport',
  '16': 'Conflict & War',
  '17': 'Weather',
};

function codeOf(s: Subject): string | undefined {
  for (const raw of [s.code, s.uri]) {
    const code = raw ? topCode(raw) : undefined;
    if (code) return code;
  }
  return undefined;
}

function topCode(raw: string): string | undefined {
  const medtop = /(?:medtop:|\/mediatopic\/)(\d{2})000000$/.exec(raw);
  if (medtop) return medtop[1];
  // Subject NewsCodes are hierarchical: the first two digits are the top-level subject.
  const subj = /(?:subj:|\/subjectcode\/)(\d{2})\d{6}$/.exec(raw);
  return subj?.[1];
}

/** The category the first subject with a known IPTC code names, or undefined when none does. */
export function categoryFromSubjects(subjects: readonly Subject[]): string | undefined {
  for (const s of subjects) {
    const code = codeOf(s);
    if (code && topLevel[code]) return topLevel[code];
  }
  return undefined;
}

/** Subject names that are not a category become tags (places, people, narrower topics). */
export function tagsFromSubjects(subjects: readonly Subject[]): string[] {
  return subjects.filter((s) => !codeOf(s) && s.name).map((s) => s.name as string);
}
