"""Actors: who is named in an article, and with which code.

- ``data``: the data files (countries, organisations, titles, office-holders), validated.
- ``matching``: PhraseMatcher pieces (country names, adjectives, capitals, titles ...).
- ``composer``: pieces glued into phrases and coded ("a senior Canadian government
  official" → ``CAN GOV``), with a rule id for every decision.
- ``finder``: the mentions of one document (groups of countries, appositions, learning).
- ``coref``: later mentions resolved to earlier ones (surname, title, pronoun).
- ``kb``: the knowledge base of office-holders, its SQLite table and persistence.
- ``lexicon``: the field's dictionaries (Phoenix/PETRARCH: people with dated roles, armed
  groups, IGOs/NGOs, agent nouns), their token trie, who a name is on a date, and the
  actor scheme every source follows (documented there).
"""
