// A screen that fails to draw says so and offers a reload, instead of going blank.
import { Component, type ErrorInfo, type ReactNode } from 'react';

export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('screen failed', error, info.componentStack);
  }
  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <main className="page narrow" role="alert" data-testid="screen-error">
        <h1 lang="ar">تعذّر عرض الشاشة</h1>
        <p lang="en">This screen failed to draw.</p>
        <pre className="small" dir="ltr">{this.state.error.message}</pre>
        <button type="button" className="btn-primary" onClick={() => this.setState({ error: null })}>إعادة المحاولة · Retry</button>
      </main>
    );
  }
}
