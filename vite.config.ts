import { defineConfig } from 'vite';

// Builds the script-tag widget into dist/, next to the demo site that `wrangler dev` serves.
export default defineConfig({
  publicDir: 'demo/site',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    lib: {
      entry: 'widget/script-tag.ts',
      formats: ['iife'],
      name: 'LeadRelayWidget',
      fileName: () => 'widget.js',
    },
  },
});
