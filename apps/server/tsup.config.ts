import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/main.ts', 'src/runtime/index.ts', 'src/testing/index.ts'],
  format: ['esm'],
  dts: { entry: ['src/index.ts', 'src/runtime/index.ts', 'src/testing/index.ts'] },
  clean: true,
  sourcemap: true,
  target: 'node20',
});
