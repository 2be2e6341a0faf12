import { lazy, type ReactNode } from 'react';
import { Navigate, useLocation, type RouteObject } from 'react-router';
import ChallengePage from '../challenges/ChallengePage';
import ChallengesPage from '../challenges/ChallengesPage';
import { Loading, NotFound } from '../common/ui';
import GalleryPage from '../ideas/GalleryPage';
import IdeaPage from '../ideas/IdeaPage';
import { useSession } from '../identity/session';
import { withMessages } from '../i18n/IntlRoot';
import ResultsPage from '../judging/ResultsPage';
import { Layout } from './Layout';

// Public pages are in the first bundle; everything behind an account is loaded when first visited.
const SignInPage = lazy(() => withMessages('accounts', import('../identity/SignInPage')));
const SignUpPage = lazy(() => import('../identity/SignUpPage'));
const CodeSignInPage = lazy(() => import('../identity/CodeSignInPage'));
const ProfilePage = lazy(() => withMessages('accounts', import('../identity/ProfilePage')));
const NotificationsPage = lazy(() => import('../notifications/NotificationsPage'));
// The pages notifications lead to (libs/domain/src/notifications/client-paths.ts names their paths).
const TeamPage = lazy(() => withMessages('teams', import('../teams/TeamPage')));
const MiniCompanyPage = lazy(() => import('../minicompanies/MiniCompanyPage'));
const ReviewsPage = lazy(() => withMessages('judging', import('../judging/ReviewsPage')));
const OrganizationPage = lazy(() => import('../organizations/OrganizationPage'));
// The viewer's organizations (members, invitations) and creating one, e.g. a teacher's school.
const MyOrganizationsPage = lazy(() => withMessages('organizations', import('../organizations/MyOrganizationsPage')));
const CreateOrganizationPage = lazy(() => withMessages('organizations', import('../organizations/CreateOrganizationPage')));
// Organizer, sponsor company and mini-company screens (issue 13): lazy chunks of their own.
const OrganizerHomePage = lazy(() => withMessages('organizer', import('../organizer/OrganizerHomePage')));
const ChallengeFormPage = lazy(() => withMessages('organizer', import('../organizer/ChallengeFormPage')));
const ChallengeAdminPage = lazy(() => withMessages('organizer', import('../organizer/ChallengeAdminPage')));
const SponsorHomePage = lazy(() => withMessages('organizer', import('../sponsor/SponsorHomePage')));
const ProposeAdoptionPage = lazy(() => withMessages('organizer', import('../sponsor/ProposeAdoptionPage')));
const TeamAdoptionPage = lazy(() => withMessages('organizer', import('../sponsor/TeamAdoptionPage')));
const TeamMiniCompanyPage = lazy(() => withMessages('organizer', import('../sponsor/MiniCompanyPage')));
// The juror's screens (issue 13): their home across juries and the scoring form, with the judging catalogue.
const JurorHomePage = lazy(() => withMessages('judging', import('../judging/JurorHomePage')));
const ScoringPage = lazy(() => withMessages('judging', import('../judging/ScoringPage')));
// Teachers' and students' teams, rosters and idea editor; the account pages (issue 13): lazy chunks of their own.
const MyTeamsPage = lazy(() => withMessages('teams', import('../teams/MyTeamsPage')));
const CreateTeamPage = lazy(() => withMessages('teams', import('../teams/CreateTeamPage')));
const JoinTeamPage = lazy(() => withMessages('teams', import('../teams/JoinTeamPage')));
const IdeaEditorPage = lazy(() => withMessages('teams', import('../teams/IdeaEditorPage')));
const VerifyEmailPage = lazy(() => withMessages('accounts', import('../identity/VerifyEmailPage')));
const ForgotPasswordPage = lazy(() => withMessages('accounts', import('../identity/ForgotPasswordPage')));
const ResetPasswordPage = lazy(() => withMessages('accounts', import('../identity/ResetPasswordPage')));
const AccountDeletedPage = lazy(() => withMessages('accounts', import('../people/AccountDeletedPage')));
// Reports, exports and public voting (issue 14): the promoter's impact report and the company's profile for suggestions.
const ImpactReportPage = lazy(() => withMessages('organizer', import('../reports/ImpactReportPage')));
const SponsorSettingsPage = lazy(() => withMessages('organizer', import('../sponsor/SponsorSettingsPage')));

function SignedIn({ children }: { children: ReactNode }) {
  const { status } = useSession();
  const location = useLocation();
  if (status === 'unknown') return <Loading />;
  if (status === 'signedOut') return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return children;
}

function SignedOut({ children }: { children: ReactNode }) {
  const { status } = useSession();
  if (status === 'unknown') return <Loading />;
  if (status === 'signedIn') return <Navigate to="/" replace />;
  return children;
}

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { index: true, element: <ChallengesPage /> },
      { path: 'challenges/:slug', element: <ChallengePage /> },
      { path: 'challenges/:slug/results', element: <ResultsPage /> },
      {
        path: 'challenges/:slug/reviews',
        element: (
          <SignedIn>
            <ReviewsPage />
          </SignedIn>
        ),
      },
      {
        path: 'teams/:id',
        element: (
          <SignedIn>
            <TeamPage />
          </SignedIn>
        ),
      },
      {
        path: 'mini-companies/:id',
        element: (
          <SignedIn>
            <MiniCompanyPage />
          </SignedIn>
        ),
      },
      {
        path: 'organizations',
        element: (
          <SignedIn>
            <MyOrganizationsPage />
          </SignedIn>
        ),
      },
      {
        path: 'organizations/new',
        element: (
          <SignedIn>
            <CreateOrganizationPage />
          </SignedIn>
        ),
      },
      { path: 'organizations/:id', element: <OrganizationPage /> },
      { path: 'ideas', element: <GalleryPage /> },
      { path: 'ideas/:id', element: <IdeaPage /> },
      {
        path: 'sign-in',
        element: (
          <SignedOut>
            <SignInPage />
          </SignedOut>
        ),
      },
      {
        path: 'sign-in/code',
        element: (
          <SignedOut>
            <CodeSignInPage />
          </SignedOut>
        ),
      },
      {
        path: 'sign-up',
        element: (
          <SignedOut>
            <SignUpPage />
          </SignedOut>
        ),
      },
      {
        path: 'profile',
        element: (
          <SignedIn>
            <ProfilePage />
          </SignedIn>
        ),
      },
      {
        path: 'notifications',
        element: (
          <SignedIn>
            <NotificationsPage />
          </SignedIn>
        ),
      },
      // ---- organizer, sponsor and mini-company screens (issue 13)
      ...(
        [
          ['organizer', <OrganizerHomePage />],
          ['organizer/challenges/new', <ChallengeFormPage />],
          ['organizer/challenges/:id', <ChallengeAdminPage />],
          ['organizer/challenges/:id/edit', <ChallengeFormPage />],
          ['organizer/impact', <ImpactReportPage />],
          ['sponsor', <SponsorHomePage />],
          ['sponsor/settings', <SponsorSettingsPage />],
          ['sponsor/ideas/:id', <ProposeAdoptionPage />],
          ['teams/:id/adoption', <TeamAdoptionPage />],
          ['teams/:id/mini-company', <TeamMiniCompanyPage />],
          ['jury', <JurorHomePage />],
          ['challenges/:slug/reviews/:assignmentId', <ScoringPage />],
        ] as const
      ).map(([path, page]) => ({ path, element: <SignedIn>{page}</SignedIn> })),
      // ---- teams and accounts (issue 13)
      ...(
        [
          ['teams', <MyTeamsPage />],
          ['teams/new', <CreateTeamPage />],
          ['teams/join', <JoinTeamPage />],
          ['teams/:id/idea', <IdeaEditorPage />],
        ] as const
      ).map(([path, page]) => ({ path, element: <SignedIn>{page}</SignedIn> })),
      // The links of the account emails (libs/domain/src/identity/account-emails.ts), opened signed in or not.
      { path: 'verify-email', element: <VerifyEmailPage /> },
      { path: 'reset-password', element: <ResetPasswordPage /> },
      { path: 'forgot-password', element: <ForgotPasswordPage /> },
      { path: 'account-deleted', element: <AccountDeletedPage /> },
      // ---- end of issue 13's screens
      { path: '*', element: <NotFound /> },
    ],
  },
];
