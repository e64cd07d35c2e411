/**
 * Reads a number the way the user writes it, with Microsoft's recognizers-text (the number
 * recognizer Bot Framework prompts use): "1,000" is a thousand in English, "2.500,75" is
 * 2500.75 in Spanish, and number words count ("thirty", "treinta", "one and a half").
 * Loaded on first use (its Spanish model takes most of a second to build), one model per
 * culture, kept for the life of the process.
 */
import { createRequire } from 'node:module';

interface NumberModel {
  parse(text: string): { typeName: string; text: string; resolution: { value?: string } }[];
}
interface RecognizersNumber {
  NumberRecognizer: new (culture: string) => { getNumberModel(): NumberModel };
}

const require = createRequire(import.meta.url);
let lib: RecognizersNumber | undefined;
const models = new Map<string, NumberModel>();

/** The cultures the library has number models for, by language. */
const CULTURES: Record<string, string> = { en: 'en-us', es: 'es-es', pt: 'pt-br', fr: 'fr-fr', zh: 'zh-cn', ja: 'ja-jp' };

/** The recognizer culture of a locale; languages without a model read numbers as English does. */
export function numberCulture(locale: string | undefined): string {
  const language = (locale ?? 'en').toLowerCase().split(/[-_]/)[0];
  return CULTURES[language] ?? CULTURES.en;
}

function modelFor(culture: string): NumberModel {
  let model = models.get(culture);
  if (!model) {
    lib ??= require('@microsoft/recognizers-text-number') as RecognizersNumber;
    model = new lib.NumberRecognizer(culture).getNumberModel();
    models.set(culture, model);
  }
  return model;
}

/**
 * The one number in `text`, or undefined when there is none or more than one (so "3.5.1"
 * or "2 or 3" are asked again rather than guessed).
 */
export function recognizeNumber(text: string, locale: string | undefined): number | undefined {
  const t = text.trim();
  if (!t || t.length > 200) return undefined;
  const found = modelFor(numberCulture(locale)).parse(t).filter((r) => r.typeName === 'number');
  if (found.length !== 1 || typeof found[0].resolution.value !== 'string') return undefined;
  // The resolution is written with the culture's decimal mark ("2500,75" in Spanish).
  const raw = found[0].resolution.value;
  const value = Number(raw.includes('.') ? raw : raw.replace(',', '.'));
  return Number.isFinite(value) ? value : undefined;
}

/** Builds the models of these locales' cultures now (start-up), so no user's first answer waits for it. */
export function warmNumberCultures(locales: Iterable<string>): void {
  for (const culture of new Set([...locales].map(numberCulture))) modelFor(culture);
}

/** The cultures whose models are built so far (for start-up checks and tests). */
export function builtNumberCultures(): string[] {
  return [...models.keys()].sort();
}
