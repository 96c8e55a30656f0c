import type { OfficeData } from './office.js';

/** Words of an office's catalogue the classifier treats as in domain: permit names and aliases, services. */
export function officeTerms(office: OfficeData): string[] {
  return [
    ...office.forms.flatMap((f) => [f.name, ...f.aliases]),
    ...office.services.flatMap((s) => [s.name.id, s.name.en, ...s.aliases]),
  ];
}
