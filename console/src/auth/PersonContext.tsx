import { createContext, useContext, type ReactNode } from 'react';
import type { Role } from '../api/responseTypes';
import { allows, type Person } from './session';

const PersonContext = createContext<Person | null>(null);

export function PersonProvider({ person, children }: { person: Person | null; children: ReactNode }) {
  return <PersonContext.Provider value={person}>{children}</PersonContext.Provider>;
}

export function usePerson(): Person | null {
  return useContext(PersonContext);
}

/** Whether the signed-in person may do what needs {@code role}. */
export function useAllowed(role: Role): boolean {
  return allows(usePerson()?.role, role);
}

/** Shows its children only to a person who may do what needs {@code role}: no button anyone may not press. */
export function Can({ role, children }: { role: Role; children: ReactNode }) {
  return useAllowed(role) ? <>{children}</> : null;
}
