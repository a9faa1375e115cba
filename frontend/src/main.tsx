import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { createI18n } from './i18n/i18n';
import './styles/global.css';
import './styles/dashboard.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html lacks #root');
createRoot(container).render(<App i18n={createI18n()} />);
