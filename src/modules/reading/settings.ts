/**
 * Reading settings: what a person's pages look like (font, size, spacing, contrast, motion) and
 * which reading aids they get (a line-focus ruler, read aloud). Pure values and their mapping to
 * the attributes the server puts on <html>; no database here.
 */
import type { PageLook } from '../../kernel/views/page-look.js';

export const FONTS = ['default', 'opendyslexic', 'hyperlegible'] as const;
export const TEXT_SIZES = ['normal', 'large', 'larger'] as const;
export const SPACINGS = ['normal', 'wide', 'wider'] as const;
export const CONTRASTS = ['default', 'high'] as const;

export type Font = (typeof FONTS)[number];
export type TextSize = (typeof TEXT_SIZES)[number];
export type Spacing = (typeof SPACINGS)[number];
export type Contrast = (typeof CONTRASTS)[number];

export interface ReadingSettings {
  font: Font;
  textSize: TextSize;
  /** Letter, word and line spacing together. */
  spacing: Spacing;
  contrast: Contrast;
  /** A reading ruler that follows the pointer or the keyboard (small script). */
  lineFocus: boolean;
  /** No animations or smooth scrolling, whatever the system says. */
  reducedMotion: boolean;
  /** A "read aloud" button on lessons, work and messages (the browser's speech synthesis). */
  readAloud: boolean;
}

/** Where a person's settings come from: their own choice, their class's default, or nobody's. */
export type SettingsSource = 'own' | 'class' | 'default';

export const DEFAULT_SETTINGS: ReadingSettings = {
  font: 'default',
  textSize: 'normal',
  spacing: 'normal',
  contrast: 'default',
  lineFocus: false,
  reducedMotion: false,
  readAloud: false,
};

export const READING_SCRIPTS = { lineFocus: 'js/reading-ruler.js', readAloud: 'js/read-aloud.js' } as const;

export type Choices = { [K in keyof ReadingSettings]: ReadingSettings[K] extends boolean ? null : readonly string[] };
export const CHOICES: Choices = {
  font: FONTS,
  textSize: TEXT_SIZES,
  spacing: SPACINGS,
  contrast: CONTRASTS,
  lineFocus: null,
  reducedMotion: null,
  readAloud: null,
};

/**
 * The attributes on <html>: only what differs from the default, so a default page is unchanged.
 * `scriptUrl` turns a public/ path into its fingerprinted address; the read-aloud script reads its
 * button's words from <html>, as it has no catalogue.
 */
export function lookOf(s: ReadingSettings, scriptUrl: (path: string) => string, readAloudLabels: { play: string; stop: string }): Partial<PageLook> {
  const data: Record<string, string> = {};
  if (s.font !== 'default') data.font = s.font;
  if (s.textSize !== 'normal') data['text-size'] = s.textSize;
  if (s.spacing !== 'normal') data.spacing = s.spacing;
  if (s.contrast !== 'default') data.contrast = s.contrast;
  if (s.reducedMotion) data.motion = 'reduced';
  if (s.lineFocus) data['line-focus'] = 'on';
  const scripts: string[] = [];
  if (s.lineFocus) scripts.push(scriptUrl(READING_SCRIPTS.lineFocus));
  if (s.readAloud) {
    scripts.push(scriptUrl(READING_SCRIPTS.readAloud));
    data['read-aloud-play'] = readAloudLabels.play;
    data['read-aloud-stop'] = readAloudLabels.stop;
  }
  return { htmlData: data, scripts };
}

/** Strings from a form or JSON, checked against the choices; the fields that are wrong are named. */
export function parseSettings(input: Record<string, unknown>): { settings: ReadingSettings; wrong: (keyof ReadingSettings)[] } {
  const wrong: (keyof ReadingSettings)[] = [];
  const pick = <K extends 'font' | 'textSize' | 'spacing' | 'contrast'>(key: K): ReadingSettings[K] => {
    const value = input[key];
    if (value === undefined || value === '') return DEFAULT_SETTINGS[key];
    if (typeof value === 'string' && (CHOICES[key] as readonly string[]).includes(value)) return value as ReadingSettings[K];
    wrong.push(key);
    return DEFAULT_SETTINGS[key];
  };
  // A form sends a checked box as "on" and leaves an unchecked one out; JSON sends booleans.
  const flag = (key: 'lineFocus' | 'reducedMotion' | 'readAloud'): boolean => {
    const value = input[key];
    if (value === undefined || value === false || value === '') return false;
    if (value === true || value === 'on' || value === 'true' || value === '1') return true;
    wrong.push(key);
    return false;
  };
  const settings: ReadingSettings = {
    font: pick('font'),
    textSize: pick('textSize'),
    spacing: pick('spacing'),
    contrast: pick('contrast'),
    lineFocus: flag('lineFocus'),
    reducedMotion: flag('reducedMotion'),
    readAloud: flag('readAloud'),
  };
  return { settings, wrong };
}
