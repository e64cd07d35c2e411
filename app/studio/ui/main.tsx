/**
 * The studio's entry: open a session (or ask for the token), then show the studio.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, login, openSession } from './api';
import { App } from './app';
import type { Session } from './types';

function Login(props: { done(s: Session): void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState('');
  return (
    <form
      class="login"
      onSubmit={(e) => {
        e.preventDefault();
        login(token).then(props.done, (err: Error) => setError(err.message));
      }}
    >
      <h1><span class="logo">◆</span> Parley Studio</h1>
      <label>
        Studio token
        <input type="password" autocomplete="current-password" value={token} onInput={(e) => setToken(e.currentTarget.value)} />
      </label>
      <button type="submit">Log in</button>
      {error && <p class="error" role="alert">{error}</p>}
      <p class="muted">The token is the server's PARLEY_STUDIO_TOKEN.</p>
    </form>
  );
}

function Root() {
  const [session, setSession] = useState<Session | null>(null);
  const [needLogin, setNeedLogin] = useState(false);
  const [error, setError] = useState('');
  useEffect(() => {
    openSession().then(setSession, (e: unknown) => (e instanceof ApiError && e.status === 401 ? setNeedLogin(true) : setError(String(e))));
  }, []);
  if (session) return <App session={session} />;
  if (needLogin) return <Login done={setSession} />;
  return <p class="muted center">{error || 'Opening the studio…'}</p>;
}

render(<Root />, document.getElementById('studio')!);
