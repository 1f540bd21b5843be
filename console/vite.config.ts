/// <reference types="vitest" />
import { defineConfig } from 'vite';

// React's JSX through esbuild's automatic runtime (no @vitejs/plugin-react: it does not install with this npm).
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    // hashed file names under assets/: the gateway serves them as immutable
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    // npm run dev: the API of a local stack on 8080
    proxy: { '/api': 'http://127.0.0.1:8080', '/console-config.json': 'http://127.0.0.1:8080' },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test-setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    // a loaded 2-core machine types slowly
    testTimeout: 30_000,
  },
});
