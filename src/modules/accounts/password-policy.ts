import { foldAccents } from '../../kernel/text.js';

/**
 * What a new password must satisfy. Length matters most (NIST SP 800-63B, ANSSI): at least 12
 * characters, no composition rules, but no common password, no password built on the person's own
 * login or names, and not a run of the same few characters. Passphrases of several words pass.
 */
export const MIN_LENGTH = 12;
export const MAX_LENGTH = 256;
const MIN_DISTINCT = 5;

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common' | 'contains_identity' | 'too_simple';

export interface PasswordOwner {
  login?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  usageName?: string | null;
}

/**
 * Most used passwords and their usual bases, French first (leaked-list tops, keyboard rows, first
 * names, clubs, school words). Compared after folding case and accents and dropping the digits
 * and symbols people add around them, so "Soleil2024!" counts as "soleil".
 */
const COMMON = new Set(
  `
motdepasse mdp azerty azertyuiop azertyuiopqsdfghjklm qsdfghjklm wxcvbn azertyqwerty azer aqwzsx
soleil doudou chouchou loulou bisounours nounours coucou bonjour bonsoir salut jetaime jeteaime
amour monamour moncoeur mamour doudoune cheri cherie bebe mabelle princesse chaton
chocolat nutella fromage vacances famille maison maman papa mamie papi tonton tata
marseille paris lyon toulouse bordeaux nantes lille nice france bretagne
olympiquedemarseille allezlom psg parissaintgermain football footballeur foot rugby
nicolas camille thomas julien antoine alexandre sebastien stephane frederic isabelle nathalie
sandrine celine aurelie emilie marie sophie julie laura manon lea chloe emma lucas hugo louis
chouette bienvenue liberte egalite fraternite marianne
ecole college lycee eleve eleves enseignant professeur maitresse maitre directeur directrice
cartable cantine recreation rentree devoirs classe preau ent espacenumerique
password passw0rd motdepass passwort contrasena
qwerty qwertyuiop qwertyuiopasdfghjkl asdfghjkl asdfgh zxcvbnm qazwsx qweasd
abc abcdef abcdefgh abcdefghijkl abcdefghijklmnopqrstuvwxyz
iloveyou loveyou love lovely admin administrator administrateur root user utilisateur guest invite
welcome letmein monkey dragon sunshine princess shadow master superman batman trustno
baseball starwars pokemon hello hellokitty freedom whatever michael jessica
secret secure security login test testtest changeme default
`
    .split(/\s+/)
    .filter(Boolean),
);

const LEET: Record<string, string> = { '@': 'a', '4': 'a', '8': 'b', '3': 'e', '1': 'i', '!': 'i', '0': 'o', $: 's', '5': 's', '7': 't', '9': 'g' };

function fold(s: string): string {
  return foldAccents(s).toLowerCase();
}

/** Letters only: "Mot de passe 2024 !" → "motdepasse". */
function lettersOf(s: string): string {
  return s.replace(/[^a-z]/g, '');
}

function deleet(s: string): string {
  return s.replace(/[@483105$79!]/g, (c) => LEET[c] ?? c);
}

/** "azertyazerty", "soleilsoleil": one common word repeated. */
function isRepeatedCommon(letters: string): boolean {
  for (let size = 1; size <= letters.length / 2; size++) {
    if (letters.length % size !== 0) continue;
    const unit = letters.slice(0, size);
    if (unit.repeat(letters.length / size) === letters && (COMMON.has(unit) || size <= 3)) return true;
  }
  return false;
}

/** Digits only and counting up or down ("123456789012", "987654321098"). */
function isDigitRun(s: string): boolean {
  if (!/^\d+$/.test(s)) return false;
  const up = '0123456789'.repeat(Math.ceil(s.length / 10) + 1);
  const down = '9876543210'.repeat(Math.ceil(s.length / 10) + 1);
  return up.includes(s) || down.includes(s);
}

function isCommon(password: string): boolean {
  const folded = fold(password);
  if (COMMON.has(folded)) return true;
  if (lettersOf(folded) === '' && isDigitRun(folded.replace(/[^0-9]/g, ''))) return true;
  // Digits and symbols around a word are decoration; inside it they may stand for letters (p@ssw0rd).
  const core = folded.replace(/^[^a-z]+|[^a-z]+$/g, '');
  for (const letters of [lettersOf(folded), lettersOf(deleet(core))]) {
    if (letters === '') continue;
    if (COMMON.has(letters) || isRepeatedCommon(letters)) return true;
  }
  return false;
}

/** Name parts worth checking: long ones as substrings, short ones (Léo, Ali) only as whole words. */
function containsIdentity(password: string, owner: PasswordOwner): boolean {
  const folded = fold(password);
  const compact = folded.replace(/[^a-z0-9]/g, '');
  const words = new Set(folded.split(/[^a-z0-9]+/).filter(Boolean));
  const login = fold(owner.login ?? '');
  if (login.length >= 3 && (folded.includes(login) || compact.includes(login.replace(/[^a-z0-9]/g, '')))) return true;
  const parts = [owner.firstName, owner.lastName, owner.usageName].flatMap((name) => fold(name ?? '').split(/[^a-z0-9]+/)).filter((part) => part.length >= 3);
  return parts.some((part) => (part.length >= 4 ? compact.includes(part) : words.has(part)));
}

/** The first rule a password breaks, or null when it is acceptable. */
export function passwordProblem(password: string, owner: PasswordOwner = {}): PasswordProblem | null {
  const length = [...password].length;
  if (length < MIN_LENGTH) return 'too_short';
  if (length > MAX_LENGTH) return 'too_long';
  if (new Set(password).size < MIN_DISTINCT) return 'too_simple';
  if (isCommon(password)) return 'too_common';
  if (containsIdentity(password, owner)) return 'contains_identity';
  return null;
}
