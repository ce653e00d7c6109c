// The templates `dues init --template` can write, by name. Kept as TypeScript string
// constants (not .yaml files) so they ship inside dist/ with nothing to copy.
import { CN_BASE } from "./cn-base.js";
import { CN_COUNTY } from "./cn-county.js";
import { UK_BRANCH } from "./uk-branch.js";
import { US_COUNCIL } from "./us-council.js";
import { US_LOCAL } from "./us-local.js";

export const TEMPLATES = {
  "cn-base": CN_BASE,
  "us-local": US_LOCAL,
  "uk-branch": UK_BRANCH,
  "cn-county": CN_COUNTY,
  "us-council": US_COUNCIL,
} as const;

export type TemplateId = keyof typeof TEMPLATES;
export const TEMPLATE_IDS = Object.keys(TEMPLATES) as TemplateId[];

export function isTemplateId(s: string): s is TemplateId {
  return Object.prototype.hasOwnProperty.call(TEMPLATES, s);
}
