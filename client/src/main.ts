/** Entry point: styles, fonts, and the app. */
import '@fontsource/inter/latin-400.css';
import '@fontsource/inter/latin-500.css';
import '@fontsource/inter/latin-600.css';
import './styles.css';
import { App } from './app/index.ts';

async function main(): Promise<void> {
  // The opening view downloads meanwhile.
  const early = App.prefetch();
  // Sigma draws labels on a canvas: wait for the font so the first frame uses it.
  await Promise.race([document.fonts.ready, new Promise((r) => setTimeout(r, 1500))]);
  const app = new App();
  await app.start(early);
}

main().catch((e: unknown) => {
  console.error(e);
  const el = document.getElementById('toasts');
  if (el) el.textContent = `claimgraph failed to start: ${(e as Error).message}`;
});
