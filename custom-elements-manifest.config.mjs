// `npm run build` writes dist/custom-elements.json (the Custom Elements Manifest) from the
// elements' JSDoc, for editors, docs sites and framework wrappers.
export default {
  globs: ['src/parley-comments.ts', 'src/reply-form/parley-reply-form.ts', 'src/count/parley-count.ts', 'src/define.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [
    {
      // Lit's internal reactive state is declared in `static properties` like public
      // properties; the manifest lists only what pages may use.
      name: 'parley-public-api-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            const internal = new Set((declaration.members ?? []).filter((m) => m.privacy === 'private').map((m) => m.name));
            if (declaration.attributes) declaration.attributes = declaration.attributes.filter((a) => !internal.has(a.fieldName));
            if (declaration.members) declaration.members = declaration.members.filter((m) => m.privacy !== 'private');
          }
        }
      },
    },
  ],
};
