// The development helpers the development profile's instance runs with, per Plone line:
// plone.reload (`@@reload`: code and zcml again without a restart), Products.PDBDebugMode
// (pdb at an unhandled error, in debug mode) and Products.PrintingMailHost (mail printed to
// the console, never sent). None needs a zcml slug: plone.reload has a z3c.autoinclude entry
// point (tags 3.0.1-5.0.0a1), the other two are Products.
//
// Versions per line, read from each project's git tags (setup.py classifiers,
// python_requires, install_requires) and from github.com/plone/buildout.coredev:
// - 4.3.20 versions.cfg pins plone.reload 3.0.1 only. PDBDebugMode 1.3 (2011) is the last for
//   Zope 2 (README of 1.4/2.0: "For Zope 2 (until Plone 5.1) please use 1.3"; requires
//   collective.monkeypatcher, pinned 1.2.1 by 4.3.20); PrintingMailHost 1.1.8 (2025-06) is the
//   last 1.x, classifiers Plone 4.3 and Python 2.7 (requires six, pinned 1.11.0 by 4.3.20).
// - 5.2.15 versions.cfg pins plone.reload 3.0.2, Products.PrintingMailHost 1.1.6, Products.PDBDebugMode 2.0.
// - branches 6.0 (e34f457) and 6.1 (500ec6a): versions-extra.cfg pins plone.reload 4.0.0,
//   versions-ecosystem.cfg Products.PDBDebugMode 2.0 and Products.PrintingMailHost 1.1.7.
// - 6.2.2's files are not readable. Plone's native-namespace work for 6.2 (Products.CMFPlone
//   #3928) released plone.reload 5.0.0a1, Products.PDBDebugMode 3.0.0 and
//   Products.PrintingMailHost 2.0.0 as "Plone 6.2 only, Python 3.10+" (their CHANGES): that
//   6.2.2 pins them, as every readable 6.x does, is inferred (RELEASE_PINS says so).
import type { PloneLineName, RecipePin } from './plone-lines.js';

export const DEV_HELPER_EGGS = ['plone.reload', 'Products.PDBDebugMode', 'Products.PrintingMailHost'] as const;

/** Per line: each helper, with the exact version the project pins where the release does not (RecipePin's rule). */
export const DEV_HELPERS: Record<PloneLineName, RecipePin[]> = {
  '6.2': DEV_HELPER_EGGS.map((egg) => ({ egg })),
  '6.1': DEV_HELPER_EGGS.map((egg) => ({ egg })),
  '6.0': DEV_HELPER_EGGS.map((egg) => ({ egg })),
  '5.2': DEV_HELPER_EGGS.map((egg) => ({ egg })),
  '4.3': [{ egg: 'plone.reload' }, { egg: 'Products.PDBDebugMode', version: '1.3' }, { egg: 'Products.PrintingMailHost', version: '1.1.8' }],
};
