import type { CatalogEntry } from '../model/catalog.js';
import { displayPhrase, emitterNames, STATUS_LABELS } from './labels.js';

/** One row: number, phrase, registry standing, one-line summary. Search results reuse it, pre-rendered. */
export function CodeRow({ entry }: { entry: CatalogEntry }) {
  return (
    <li data-code={entry.code}>
      <span class="num">{entry.code}</span>
      <span class="text">
        <a class="phrase" href={`/codes/${entry.code}`}>
          {displayPhrase(entry)}
        </a>
        {entry.status !== 'standard' && (
          <span class="tag">
            {STATUS_LABELS[entry.status]}
            {entry.status === 'unofficial' && entry.emitters.length > 0 ? `: ${emitterNames(entry)}` : ''}
          </span>
        )}
        <span class="sum">{entry.summary}</span>
      </span>
    </li>
  );
}

/** Rows of codes, as the index lists them. */
export function CodeList({ entries, id }: { entries: readonly CatalogEntry[]; id?: string }) {
  return (
    <ul class="codes" id={id}>
      {entries.map((entry) => (
        <CodeRow entry={entry} />
      ))}
    </ul>
  );
}
