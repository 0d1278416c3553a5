import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { initBackend } from './lib/backend';
import { applyTheme, loadTheme } from './lib/theme';

// Apply the saved theme before the first paint (no inline script: the CSP
// forbids it).
applyTheme(loadTheme());

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
await initBackend();
export default mount(App, { target });
