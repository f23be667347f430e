import { api } from './api';

/** An identity type One-ID resolves by (`GET /identity-types`), built in or the merchant's own. */
export interface IdentityType {
  code: string;
  displayName: string;
  /** 1 = strongest: the type that decides when two customers' identities disagree. */
  priority: number;
  /** How many identities of this type one customer may hold; null for no limit. */
  maxPerCustomer: number | null;
  /** Values are unique per shop (e.g. a shop's own member number) rather than everywhere. */
  shopScoped: boolean;
  /** Personal data (phone, e-mail): stored encrypted and shown masked. Custom types never are. */
  pii: boolean;
  builtin: boolean;
}

/** The body of `POST /identity-types`. */
export interface NewIdentityType {
  code: string;
  displayName: string;
  priority: number;
  maxPerCustomer: number | null;
  shopScoped: boolean;
}

/** One trait's merge strategy as the server shows it, with its default. */
export interface TraitRule {
  field: string;
  strategy: string;
  defaultStrategy: string;
}

/** `GET /trait-merge-rules`: every trait's strategy, and the strategies there are. */
export interface TraitRules {
  rules: TraitRule[];
  strategies: string[];
}

/** One trait's strategy as the console writes it. */
export interface TraitRuleInput {
  field: string;
  strategy: string;
}

export const oneIdApi = {
  identityTypes: (signal?: AbortSignal) => api.get<IdentityType[]>('/identity-types', { signal }),
  createIdentityType: (type: NewIdentityType) => api.post<IdentityType>('/identity-types', type),
  traitRules: (signal?: AbortSignal) => api.get<TraitRules>('/trait-merge-rules', { signal }),
  /** Declares the given traits' strategies; the others keep theirs. Answers with every trait's rule. */
  changeTraitRules: (rules: TraitRuleInput[]) => api.put<TraitRules>('/trait-merge-rules', { rules }),
};
