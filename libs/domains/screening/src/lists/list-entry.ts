/** What kind of party a list entry names; 'unknown' when the list does not say. */
export type ListEntityType = 'individual' | 'organisation' | 'vessel' | 'aircraft' | 'unknown';

/** One entry of a sanctions, PEP or internal list, as every parser produces it. */
export interface ListEntryRecord {
  /** The list's own id: OFAC ent_num, UN REFERENCE_NUMBER (falling back to DATAID), internal id. */
  externalId: string;
  entityType: ListEntityType;
  /** Primary name as published. */
  name: string;
  /** Other names; 'weak' ones (UN "Low" quality, OFAC weak a.k.a.) are weaker evidence of a match. */
  aliases: { name: string; strength: 'strong' | 'weak' }[];
  /** 'YYYY' or 'YYYY-MM-DD'. */
  datesOfBirth: string[];
  /** ISO 3166 alpha-2 where resolvable, else the published text. */
  nationalities: string[];
  /** Address countries, ISO 3166 alpha-2 where resolvable. */
  countries: string[];
  identifiers: { type: string; value: string; country?: string }[];
  programs: string[];
  remarks?: string;
}

/** The result of parsing one list file (or file set). */
export interface ParsedList {
  source: string;
  entries: ListEntryRecord[];
}
