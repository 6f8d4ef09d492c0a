// Building blocks the per-source generators share: personas, the account skeleton with its
// states and timestamps, seeded picks, and unique user names.
import type { Persona, SandboxAccount, SandboxIdentity, SandboxSource } from '../state/records';
import { DEPARTMENTS, FIRST_NAMES, LAST_NAMES, LOCATIONS, TITLES } from './names';
import { Prng, iscId } from './random';

/** "Now" of the generated world; generated timestamps lie before it. */
export const GENERATED_AT = Date.UTC(2025, 0, 15, 9, 30, 0);
export const DAY = 86_400_000;
export const NO_ENTITLEMENTS: readonly string[] = Object.freeze([]);

// One persona object per identity, shared by all of its accounts.
const personas = new WeakMap<SandboxIdentity, Persona>();

export function personaOf(identity: SandboxIdentity): Persona {
  let persona = personas.get(identity);
  if (!persona) {
    const { firstName, lastName, department, title, location, employeeNumber } = identity;
    persona = { firstName, lastName, department, title, location, employeeNumber };
    personas.set(identity, persona);
  }
  return persona;
}

export function randomPersona(prng: Prng, employeeNumber: string): Persona {
  return {
    firstName: prng.pick(FIRST_NAMES),
    lastName: prng.pick(LAST_NAMES),
    department: prng.pick(DEPARTMENTS),
    title: prng.pick(TITLES),
    location: prng.pick(LOCATIONS),
    employeeNumber,
  };
}

export interface AccountDraft {
  name: string;
  nativeIdentity: string;
  identity: SandboxIdentity | null;
  persona: Persona;
  variant?: number;
  entitlementIds: readonly string[];
  systemAccount?: boolean;
  disabled?: boolean;
  locked?: boolean;
}

/** Fills in ids, states and timestamps the same way for every source. */
export function makeAccount(prng: Prng, source: SandboxSource, draft: AccountDraft, stateful: boolean): SandboxAccount {
  const created = GENERATED_AT - (1 + prng.int(700)) * DAY - prng.int(DAY);
  const modified = Math.min(GENERATED_AT, created + prng.int(200) * DAY + prng.int(DAY));
  const correlated = draft.identity !== null;
  const machine = draft.systemAccount === true;
  return {
    id: iscId(prng),
    sourceId: source.id,
    name: draft.name,
    nativeIdentity: draft.nativeIdentity,
    identityId: draft.identity?.id ?? null,
    manuallyCorrelated: correlated && stateful && prng.chance(0.03),
    disabled: draft.disabled ?? (stateful && prng.chance(0.08)),
    locked: draft.locked ?? (stateful && prng.chance(0.03)),
    systemAccount: machine,
    isMachine: machine,
    origin: 'AGGREGATED',
    recommendation: machine ? { type: 'MACHINE', method: 'DISCOVERY' } : null,
    created,
    modified,
    entitlementIds: draft.entitlementIds,
    persona: draft.persona,
    variant: draft.variant ?? 0,
    storedAttributes: null,
  };
}

/** Between min and max distinct ids (none at all with `noneChance`), after `always`. */
export function pickSome(prng: Prng, ids: readonly string[], min: number, max: number, noneChance: number, always?: string): readonly string[] {
  if (ids.length === 0 || prng.chance(noneChance)) return always === undefined ? NO_ENTITLEMENTS : [always];
  const wanted = Math.min(ids.length, min + prng.int(max - min + 1));
  const picked: string[] = always === undefined ? [] : [always];
  const target = picked.length + wanted;
  while (picked.length < target) {
    const id = prng.pick(ids);
    if (!picked.includes(id)) picked.push(id);
  }
  return picked;
}

/** A seeded permutation of the identities, so secondary sources cover different people. */
export function shuffled(prng: Prng, identities: readonly SandboxIdentity[]): SandboxIdentity[] {
  const copy = identities.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = prng.int(i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** Hands out `base`, then `base2`, `base3`… (with `separator` before the number). */
export class UniqueNames {
  private readonly used = new Map<string, number>();

  claim(base: string, separator: string): string {
    const seen = this.used.get(base);
    if (seen === undefined) {
      this.used.set(base, 1);
      return base;
    }
    let next = seen + 1;
    while (this.used.has(`${base}${separator}${next}`)) next++;
    this.used.set(base, next);
    const name = `${base}${separator}${next}`;
    this.used.set(name, 1);
    return name;
  }
}
