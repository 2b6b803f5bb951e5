// The lexicons are data (JSON beside this file), read once here; code never
// spells out word lists of its own.
import attributionJson from './attribution.json' with { type: 'json' };
import derivationsJson from './derivations.json' with { type: 'json' };
import grammarJson from './grammar.json' with { type: 'json' };
import reportingJson from './reporting.json' with { type: 'json' };
import stanceJson from './stance.json' with { type: 'json' };

export type TriggerClass = 'verb' | 'noun' | 'disposition' | 'evaluative' | 'modal';
export const TRIGGER_CLASSES: readonly TriggerClass[] = ['verb', 'noun', 'disposition', 'evaluative', 'modal'];

type StanceLists = Record<TriggerClass, string[]>;
export const stanceLexicon = stanceJson as unknown as { support: StanceLists; oppose: StanceLists; masks: string[]; lists: Record<string, string[]> };
/** Closed lists the stance rules read (stance.json `lists`). */
export const stanceLists = stanceLexicon.lists;

const { $comment: _d, ...derivationEntries } = derivationsJson as Record<string, string>;
export const derivations: Readonly<Record<string, string>> = derivationEntries;

export const grammar = grammarJson as unknown as {
  negators: string[];
  determiners: string[];
  prepositions: string[];
  agentPrepositions: Record<TriggerClass, string[]>;
  clauseBreaks: string[];
  complementizers: string[];
  listConnectors: string[];
  personPronouns: string[];
  subjectPronouns: string[];
  pluralPronouns: string[];
  actionAuxiliaries: string[];
  authorSuffixes: string[];
  conditionMarkers: string[];
  objectTakingVerbs: string[];
  nonActorSources: string[];
  counterWords: string[];
  peacePurposes: string[];
  firstPerson: string[];
  bareTitles: string[];
  groupNouns: string[];
  groupNounFillers: string[];
  anaphora: string[];
  demandAnaphora: string[];
  characteriseVerbs: string[];
  planContentMarkers: string[];
  hedges: string[];
  copulas: string[];
  abbreviations: string[];
  gerundSubjectPrepositions: string[];
  demandVerbs: string[];
  grievanceNouns: string[];
  processWords: string[];
  motiveVerbs: string[];
  predictionModals: string[];
  accusationVerbs: string[];
  sentenceSubordinators: string[];
  speechNouns: string[];
  peopleGroupNouns: string[];
  pairNouns: string[];
  pressureWords: string[];
  participleAdverbs: string[];
  proposalNouns: string[];
  documentNouns: string[];
};

/** grammar.json's prepositions as a set: the one every rule that asks "is this a preposition?" reads. */
export const prepositions: ReadonlySet<string> = new Set(grammar.prepositions);

/** Closed-class words that single rules read, by rule (grammar.json `wordLists`). */
export const wordLists = (grammarJson as unknown as { wordLists: Record<string, string[]> }).wordLists;

export const reporting = reportingJson as unknown as { verbs: string[]; speculative: string[]; according: string[]; characterising: string[] };

/** Words the rules of who holds a stance read (attribution.json), by rule. */
export const attributionLists = attributionJson as unknown as {
  companionPhrases: string[];
  attributiveDeterminers: string[];
  documentPartNouns: string[];
  bareBoth: string[];
  roleOfPrepositions: string[];
  roleOfHeads: string[];
  officeNouns: string[];
  commitmentOpeners: string[];
  commitmentIncludes: string[];
  commitmentNouns: string[];
  commitVerbs: string[];
  issuingVerbs: string[];
  relativeWhich: string[];
  subsetQuantifiers: string[];
  loosePairNouns: string[];
  allPartiesQuantifiers: string[];
  allPartiesCounts: string[];
  partiesPrepositions: string[];
  ownedDocumentNouns: string[];
  demonymDocumentNouns: string[];
  demonymDocumentModifiers: string[];
  stateAppositionOpeners: string[];
  namedPlanNouns: string[];
  namedPlanFillers: string[];
  invertedSpeakerFillers: string[];
  parentheticalBreaks: string[];
  timeAdverbs: string[];
  ownedPeopleNouns: string[];
  phraseCoordinators: string[];
  opponentNouns: string[];
  expectationVerbs: string[];
  obligationHeads: string[];
  perspectiveOpeners: string[];
  viewNouns: string[];
  notPerspectiveBeforeTo: string[];
  closedRelativeOpeners: string[];
  pairMeetingVerbs: string[];
  pairMeetingFillers: string[];
  itemModals: string[];
  itemAdverbs: string[];
  planFrameNouns: string[];
  planFrameVerbs: string[];
  linkHeadlineOpeners: string[];
  pluralPeopleNouns: string[];
  documentVenueNames: string[];
  asideOpeners: string[];
  timeAdverbialNouns: string[];
  timeAdverbialDeterminers: string[];
  documentContentVerbs: string[];
  documentVerbGroup: string[];
  documentSigningParticiples: string[];
  documentRelatives: string[];
  documentDeterminers: string[];
  documentComplementisers: string[];
  peopleGroupPrepositions: string[];
  documentNounModifiers: string[];
  documentArticles: string[];
  passiveAuxiliaries: string[];
  roleToHeads: string[];
  whWords: string[];
  regionModifiers: string[];
  gerundOwnerPrepositions: string[];
  coAuthoringParticiples: string[];
  coAuthoringFillers: string[];
  inputNouns: string[];
  coAuthoringNegators: string[];
  otherPlanModifiers: string[];
  relativeObjectWords: string[];
  relativeVerbFollowers: string[];
  reactionVerbs: string[];
  reactionVerbFillers: string[];
  agentPrepositionsAfterReaction: string[];
  coAuthoringVenues: string[];
  coAuthoringVenueLinks: string[];
  revisionNouns: string[];
  revisionParticiples: string[];
  leadingParticiples: string[];
  namePrepositionExtras: string[];
  relativeAuxiliaryExtras: string[];
};

