import type { CatalogEntry } from '../model/catalog.js';
import { emitterNames, STATUS_LABELS } from './labels.js';

/** Rows of codes: number, phrase, registry standing, one-line summary. Used by the index and search results. */
export function CodeList({ entries, id }: { entries: readonly CatalogEntry[]; id?: string }) {
  return (
    <ul class="codes" id={id}>
      {entries.map((entry) => (
        <li data-code={entry.code}>
          <span class="num">{entry.code}</span>
          <span class="text">
            <a class="phrase" href={`/codes/${entry.code}`}>
              {entry.phrase}
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
      ))}
    </ul>
  );
}
