/** English messages of the One-ID rules page (identity types, trait merge rules); spread into en.ts. */
const oneIdEn = {
  'nav.oneid': 'One-ID rules',
  'home.link.oneid': 'The identity types One-ID joins people by, and how their traits merge',

  'oneid.title': 'One-ID rules',
  'oneid.subtitle': 'How records from every channel become one customer: the identities that join them, and which traits win',
  'oneid.readOnly': 'You can see these rules; changing them needs the permission to manage settings.',

  'oneid.types.title': 'Identity types',
  'oneid.types.help':
    'Records sharing an identity become one customer. When two customers’ identities disagree, the type with the strongest priority decides.',
  'oneid.types.col.code': 'Code',
  'oneid.types.col.name': 'Name',
  'oneid.types.col.priority': 'Priority',
  'oneid.types.col.priorityHelp': '1 = strongest',
  'oneid.types.col.limit': 'Per-customer limit',
  'oneid.types.col.shopScoped': 'Per shop',
  'oneid.types.col.pii': 'Personal data',
  'oneid.types.col.kind': 'Kind',
  'oneid.types.noLimit': 'No limit',
  'oneid.types.builtin': 'Built-in',
  'oneid.types.custom': 'Custom',
  'oneid.types.piiTag': 'Personal data',
  'oneid.types.search': 'Search by code or name',
  'oneid.types.add': 'Add identity type',
  'oneid.types.empty': 'No identity types',
  'oneid.types.noMatch': 'No identity type matches',

  'oneid.typeForm.title': 'Add an identity type',
  'oneid.typeForm.code': 'Code',
  'oneid.typeForm.codeHelp': 'Used in the API and imports, e.g. loyalty_card. It cannot be changed later.',
  'oneid.typeForm.name': 'Name',
  'oneid.typeForm.priority': 'Priority',
  'oneid.typeForm.priorityHelp': '1 is the strongest: it decides when identities of two customers disagree.',
  'oneid.typeForm.limit': 'Per-customer limit',
  'oneid.typeForm.limitHelp': 'How many identities of this type one customer may hold. Leave empty for no limit.',
  'oneid.typeForm.shopScoped': 'Per shop',
  'oneid.typeForm.shopScopedHelp': 'Values are unique within a shop only (e.g. a shop’s own member number).',
  'oneid.typeForm.piiNote': 'Custom identity types are not treated as personal data: do not use them for phone numbers or e-mail addresses.',
  'oneid.typeForm.submit': 'Add',
  'oneid.typeForm.created': 'Identity type {code} added',

  'oneid.v.codeLength': '{min}–{max} characters',
  'oneid.v.codePattern': 'Lower-case letters, digits and _, starting with a letter',

  // the server's problems of a new identity type (IdentityTypeProblem), which the form's own checks word alike
  'identity_type.v.required': 'Required',
  'identity_type.v.codeFormat': '{min}–{max} lower-case letters, digits and _, starting with a letter',
  'identity_type.v.nameTooLong': 'At most {max} characters',
  'identity_type.v.priorityRange': 'A whole number from {min} (strongest) to {max}',
  'identity_type.v.limitRange': 'A whole number from {min} to {max}, or empty for no limit',
  'identity_type.v.codeTaken': 'The identity type {code} already exists',

  'oneid.traits.title': 'Trait merge rules',
  'oneid.traits.help':
    'When records of one person meet (a new record of a known customer, an import, a merge), each trait is chosen by its rule. An empty value never replaces a known one.',
  'oneid.traits.fromNow': 'Changes apply from now on, to new records, imports and merges. Traits customers already hold are not recomputed.',
  'oneid.traits.col.trait': 'Trait',
  'oneid.traits.col.strategy': 'Rule',
  'oneid.traits.default': 'Default: {strategy}',
  'oneid.traits.unsaved': 'Unsaved',
  'oneid.traits.reset': 'Reset to defaults',
  'oneid.traits.resetHelp': 'Puts every trait back on its default rule; save to apply.',
  'oneid.traits.saved': 'Trait merge rules saved',

  'oneid.trait.displayName': 'Display name',
  'oneid.trait.gender': 'Gender',
  'oneid.trait.birthday': 'Birthday',
  'oneid.trait.region': 'Region (province with city)',
  'oneid.trait.realName': 'Real name',

  'oneid.strategy.latest_non_empty': 'Latest non-empty value',
  'oneid.strategy.oldest_non_empty': 'Oldest non-empty value',
  'oneid.strategy.keep_existing': 'Keep existing value',
  'oneid.strategyHelp.latest_non_empty': 'The value of the most recently seen record that has one.',
  'oneid.strategyHelp.oldest_non_empty': 'The value of the first-seen record that has one.',
  'oneid.strategyHelp.keep_existing': 'The customer keeps the value it holds; another only fills it when empty.',
};

export default oneIdEn;
