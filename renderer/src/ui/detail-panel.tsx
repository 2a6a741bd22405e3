import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The side panel a table row opens. It takes focus when it opens, Escape or the close button closes
 * it, and focus then returns to where it was (the table's active row).
 */
export function DetailPanel({
  label,
  onClose,
  children,
}: {
  label: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const panel = useRef<HTMLElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });
  useEffect(() => {
    const returnTo = document.activeElement as HTMLElement | null;
    panel.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onCloseRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      returnTo?.focus();
    };
  }, []);
  return (
    <aside className="detail-panel" aria-label={label} tabIndex={-1} ref={panel} data-testid="detail-panel">
      <div className="detail-head">
        <h2>{label}</h2>
        <button type="button" onClick={onClose} aria-label="Close details">
          ×
        </button>
      </div>
      <div className="detail-body">{children}</div>
    </aside>
  );
}
