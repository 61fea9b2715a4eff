// Every schema version, in order. Append only: a shipped migration never changes.
import { migration0001 } from './0001-initial.ts';
import { migration0002 } from './0002-tags-notes-search.ts';
import { migration0003 } from './0003-tag-links-for-lists.ts';
import { migration0004 } from './0004-url-lookups.ts';
import { migration0005 } from './0005-short-field-index.ts';
import { migration0006 } from './0006-favicons.ts';
import { migration0007 } from './0007-feeds-highlights.ts';
import { migration0008 } from './0008-highlight-search.ts';
import { migration0009 } from './0009-sync-log.ts';
import { migration0010 } from './0010-list-counts.ts';
import { migration0011 } from './0011-fts-text-first.ts';
import type { Migration } from './types.ts';

export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011];
export type { Migration } from './types.ts';
