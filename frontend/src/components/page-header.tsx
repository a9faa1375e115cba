import type { ReactNode } from 'react';
import { DataUpdatedAt } from './data-updated-at';

export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: string; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1 className="page-header__title">{title}</h1>
        {subtitle ? <p className="page-header__subtitle">{subtitle}</p> : null}
        <DataUpdatedAt />
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </div>
  );
}
