import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { applyCachedTheme } from './lib/readerLook.ts';
import './styles/base.css';
import './styles/app.css';
import './styles/controls.css';
import './styles/reader.css';
import './styles/library.css';
import './styles/annotations.css';
import './styles/collections.css';
import './styles/highlights.css';
import './styles/highlights-view.css';
import './styles/listening.css';

// Before the first render: the last theme, so a dark start never flashes light.
applyCachedTheme();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
