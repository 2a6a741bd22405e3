import { plainText } from '../plain-text';

/** Markup built by `html`, which alone may skip escaping. */
export class Markup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as HTML text or attribute value: every character that could open markup is escaped. */
export function escapeHtml(value: unknown): string {
  const text = plainText(value);
  return text.replace(/[&<>"']/g, (c) => entities[c] ?? c);
}

type Value = Markup | string | number | boolean | null | undefined | Value[];

/**
 * A tagged template where every interpolated value is escaped unless it is Markup made by this same
 * tag: directory names can only ever be text in a report, never an element or an attribute.
 */
export function html(strings: TemplateStringsArray, ...values: Value[]): Markup {
  const render = (value: Value): string =>
    value instanceof Markup
      ? value.text
      : Array.isArray(value)
        ? value.map(render).join('')
        : escapeHtml(value);
  return new Markup(
    strings.reduce((out, part, i) => out + part + (i < values.length ? render(values[i]) : ''), ''),
  );
}
