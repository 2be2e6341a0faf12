import { Suspense } from 'react';
import { Button } from 'react-aria-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { Loading } from '../common/ui';
import { endSession, useSession } from '../identity/session';
import { LOCALES, setLocale, useLocale } from '../i18n/locale-store';
import { JurorNav } from '../judging/JurorNav';
import { NotificationBell } from '../notifications/NotificationBell';
import { OrganizerNav } from '../organizer/OrganizerNav';
import { TeamsNav } from '../teams/TeamsNav';

function LanguageSwitch() {
  const intl = useIntl();
  const current = useLocale();
  return (
    <div className="language" role="group" aria-label={intl.formatMessage({ id: 'field.locale' })}>
      {LOCALES.map((locale) => (
        <Button key={locale} className="lang-button" aria-pressed={locale === current} onPress={() => setLocale(locale)} lang={locale}>
          {locale.toUpperCase()}
        </Button>
      ))}
    </div>
  );
}

export function Layout() {
  const intl = useIntl();
  const session = useSession();
  const navigate = useNavigate();
  return (
    <>
      <a className="skip-link" href="#main">
        <FormattedMessage id="nav.skip" />
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to="/" className="brand">
            Climathon
          </Link>
          <nav aria-label={intl.formatMessage({ id: 'nav.main' })} className="nav">
            <NavLink to="/" end>
              <FormattedMessage id="nav.challenges" />
            </NavLink>
            <NavLink to="/ideas">
              <FormattedMessage id="nav.gallery" />
            </NavLink>
            <TeamsNav />
            <OrganizerNav />
            <JurorNav />
          </nav>
          <div className="account">
            {session.status === 'signedIn' && session.user ? (
              <>
                <NotificationBell />
                <NavLink to="/profile" className="account-name">
                  {session.user.displayName}
                </NavLink>
                <Button className="link-button" onPress={() => void endSession().then(() => navigate('/'))}>
                  <FormattedMessage id="nav.signOut" />
                </Button>
              </>
            ) : (
              <>
                {/* Signed-in users choose their language in the profile (it is stored with the account). */}
                <LanguageSwitch />
                {session.status === 'signedOut' && (
                  <>
                    <NavLink to="/sign-in">
                      <FormattedMessage id="nav.signIn" />
                    </NavLink>
                    <NavLink to="/sign-up" className="button button-small">
                      <FormattedMessage id="nav.signUp" />
                    </NavLink>
                  </>
                )}
              </>
            )}
          </div>
        </div>
      </header>
      <main id="main" className="main">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <FormattedMessage id="footer.text" />
      </footer>
    </>
  );
}
