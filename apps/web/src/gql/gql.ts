/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Challenge($id: ID, $slug: String) {\n    challenge(id: $id, slug: $slug) {\n      id\n      slug\n      title\n      description\n      status\n      format\n      blindJudging\n      submissionOpensAt\n      submissionClosesAt\n      judgingClosesAt\n      organizer {\n        id\n        name\n      }\n      themes {\n        id\n        name\n        description\n      }\n      criteria {\n        id\n        name\n        description\n        weight\n        maxScore\n      }\n    }\n  }\n": typeof types.ChallengeDocument,
    "\n  query Challenges {\n    challenges(first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          slug\n          title\n          description\n          status\n          format\n          submissionOpensAt\n          submissionClosesAt\n          themes {\n            id\n            name\n          }\n          organizer {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.ChallengesDocument,
    "\n  query GalleryOptions {\n    challenges(first: 100) {\n      edges {\n        node {\n          id\n          title\n          themes {\n            id\n            name\n          }\n        }\n      }\n    }\n    organizations(kind: SCHOOL, first: 100) {\n      edges {\n        node {\n          id\n          name\n          district\n        }\n      }\n    }\n  }\n": typeof types.GalleryOptionsDocument,
    "\n  query Gallery($filter: IdeaFilter, $first: Int!) {\n    ideas(filter: $filter, first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          title\n          summary\n          tags\n          theme {\n            id\n            name\n          }\n          challenge {\n            id\n            title\n          }\n          team {\n            id\n            name\n            school {\n              id\n              name\n              district\n            }\n          }\n          adoption {\n            id\n            company {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.GalleryDocument,
    "\n  query Idea($id: ID!) {\n    idea(id: $id) {\n      id\n      title\n      summary\n      problem\n      solution\n      impact\n      tags\n      status\n      submittedAt\n      theme {\n        id\n        name\n      }\n      challenge {\n        id\n        slug\n        title\n      }\n      team {\n        id\n        name\n        className\n        school {\n          id\n          name\n          city\n          district\n        }\n      }\n      awards {\n        id\n        title\n        place\n      }\n      adoption {\n        id\n        company {\n          id\n          name\n        }\n      }\n      score {\n        rank\n        rawScore\n      }\n    }\n  }\n": typeof types.IdeaDocument,
    "\n  mutation SignInWithCode($username: String!, $code: String!) {\n    signInWithCode(username: $username, code: $code) {\n      accessToken\n      refreshToken\n      user {\n        id\n        displayName\n        email\n        username\n        emailVerified\n        locale\n      }\n    }\n  }\n": typeof types.SignInWithCodeDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      displayName\n      locale\n    }\n  }\n": typeof types.UpdateProfileDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      accessToken\n      refreshToken\n      user {\n        id\n        displayName\n        email\n        username\n        emailVerified\n        locale\n      }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      accessToken\n      refreshToken\n      user {\n        id\n        displayName\n        email\n        username\n        emailVerified\n        locale\n      }\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  query Results($id: ID, $slug: String) {\n    challenge(id: $id, slug: $slug) {\n      id\n      slug\n      title\n      status\n    }\n  }\n": typeof types.ResultsDocument,
    "\n  query Ranking($id: ID!) {\n    challenge(id: $id) {\n      id\n      awards {\n        id\n        title\n        place\n        idea {\n          id\n          title\n        }\n      }\n      leaderboard {\n        rank\n        rawScore\n        reviewCount\n        idea {\n          id\n          title\n          team {\n            id\n            name\n            school {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.RankingDocument,
    "\n  query ReviewsChallenge($id: ID, $slug: String) {\n    challenge(id: $id, slug: $slug) {\n      id\n      slug\n      title\n      judgingClosesAt\n    }\n  }\n": typeof types.ReviewsChallengeDocument,
    "\n  query MyAssignments($challengeId: ID!) {\n    myAssignments(challengeId: $challengeId) {\n      id\n      status\n      dueAt\n      idea {\n        id\n        title\n      }\n    }\n  }\n": typeof types.MyAssignmentsDocument,
    "\n  query MiniCompany($id: ID!) {\n    miniCompany(id: $id) {\n      id\n      name\n      status\n      progress\n      foundedAt\n      team {\n        id\n        name\n      }\n      idea {\n        id\n        title\n      }\n      milestones {\n        id\n        title\n        status\n        dueAt\n        feedback\n      }\n    }\n  }\n": typeof types.MiniCompanyDocument,
    "\n  query UnreadCount {\n    myNotifications(first: 1, unreadOnly: true) {\n      unreadCount\n    }\n  }\n": typeof types.UnreadCountDocument,
    "\n  subscription NotificationAdded {\n    notificationAdded {\n      id\n      title\n      createdAt\n    }\n  }\n": typeof types.NotificationAddedDocument,
    "\n  query Notifications {\n    myNotifications(first: 50) {\n      totalCount\n      unreadCount\n      edges {\n        node {\n          id\n          kind\n          title\n          body\n          path\n          createdAt\n          readAt\n        }\n      }\n    }\n  }\n": typeof types.NotificationsDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids)\n  }\n": typeof types.MarkNotificationsReadDocument,
    "\n  query Organization($id: ID!) {\n    organization(id: $id) {\n      id\n      name\n      kind\n      city\n      district\n      sector\n      website\n    }\n  }\n": typeof types.OrganizationDocument,
    "\n  query Team($id: ID!) {\n    team(id: $id) {\n      id\n      name\n      className\n      memberCount\n      challenge {\n        id\n        slug\n        title\n      }\n      school {\n        id\n        name\n      }\n      members {\n        role\n        user {\n          id\n          displayName\n          nameHidden\n        }\n      }\n      tutors {\n        id\n        displayName\n      }\n      idea {\n        id\n        title\n      }\n      miniCompany {\n        id\n        name\n      }\n    }\n  }\n": typeof types.TeamDocument,
};
const documents: Documents = {
    "\n  query Challenge($id: ID, $slug: String) {\n    challenge(id: $id, slug: $slug) {\n      id\n      slug\n      title\n      description\n      status\n      format\n      blindJudging\n      submissionOpensAt\n      submissionClosesAt\n      judgingClosesAt\n      organizer {\n        id\n        name\n      }\n      themes {\n        id\n        name\n        description\n      }\n      criteria {\n        id\n        name\n        description\n        weight\n        maxScore\n      }\n    }\n  }\n": types.ChallengeDocument,
    "\n  query Challenges {\n    challenges(first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          slug\n          title\n          description\n          status\n          format\n          submissionOpensAt\n          submissionClosesAt\n          themes {\n            id\n            name\n          }\n          organizer {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.ChallengesDocument,
    "\n  query GalleryOptions {\n    challenges(first: 100) {\n      edges {\n        node {\n          id\n          title\n          themes {\n            id\n            name\n          }\n        }\n      }\n    }\n    organizations(kind: SCHOOL, first: 100) {\n      edges {\n        node {\n          id\n          name\n          district\n        }\n      }\n    }\n  }\n": types.GalleryOptionsDocument,
    "\n  query Gallery($filter: IdeaFilter, $first: Int!) {\n    ideas(filter: $filter, first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          title\n          summary\n          tags\n          theme {\n            id\n            name\n          }\n          challenge {\n            id\n            title\n          }\n          team {\n            id\n            name\n            school {\n              id\n              name\n              district\n            }\n          }\n          adoption {\n            id\n            company {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": types.GalleryDocument,
    "\n  query Idea($id: ID!) {\n    idea(id: $id) {\n      id\n      title\n      summary\n      problem\n      solution\n      impact\n      tags\n      status\n      submittedAt\n      theme {\n        id\n        name\n      }\n      challenge {\n        id\n        slug\n        title\n      }\n      team {\n        id\n        name\n        className\n        school {\n          id\n          name\n          city\n          district\n        }\n      }\n      awards {\n        id\n        title\n        place\n      }\n      adoption {\n        id\n        company {\n          id\n          name\n        }\n      }\n      score {\n        rank\n        rawScore\n      }\n    }\n  }\n": types.IdeaDocument,
    "\n  mutation SignInWithCode($username: String!, $code: String!) {\n    signInWithCode(username: $username, code: $code) {\n      accessToken\n      refreshToken\n      user {\n        id\n        displayName\n        email\n        username\n        emailVerified\n        locale\n      }\n    }\n  }\n": types.SignInWithCodeDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      displayName\n      locale\n    }\n  }\n": types.UpdateProfileDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n": types.ChangePasswordDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      accessToken\n      refreshToken\n      user {\n        id\n        displayName\n        email\n        username\n        emailVerified\n        locale\n      }\n    }\n  }\n": types.SignInDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      accessToken\n      refreshToken\n      user {\n        id\n        displayName\n        email\n        username\n        emailVerified\n        locale\n      }\n    }\n  }\n": types.SignUpDocument,
    "\n  query Results($id: ID, $slug: String) {\n    challenge(id: $id, slug: $slug) {\n      id\n      slug\n      title\n      status\n    }\n  }\n": types.ResultsDocument,
    "\n  query Ranking($id: ID!) {\n    challenge(id: $id) {\n      id\n      awards {\n        id\n        title\n        place\n        idea {\n          id\n          title\n        }\n      }\n      leaderboard {\n        rank\n        rawScore\n        reviewCount\n        idea {\n          id\n          title\n          team {\n            id\n            name\n            school {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": types.RankingDocument,
    "\n  query ReviewsChallenge($id: ID, $slug: String) {\n    challenge(id: $id, slug: $slug) {\n      id\n      slug\n      title\n      judgingClosesAt\n    }\n  }\n": types.ReviewsChallengeDocument,
    "\n  query MyAssignments($challengeId: ID!) {\n    myAssignments(challengeId: $challengeId) {\n      id\n      status\n      dueAt\n      idea {\n        id\n        title\n      }\n    }\n  }\n": types.MyAssignmentsDocument,
    "\n  query MiniCompany($id: ID!) {\n    miniCompany(id: $id) {\n      id\n      name\n      status\n      progress\n      foundedAt\n      team {\n        id\n        name\n      }\n      idea {\n        id\n        title\n      }\n      milestones {\n        id\n        title\n        status\n        dueAt\n        feedback\n      }\n    }\n  }\n": types.MiniCompanyDocument,
    "\n  query UnreadCount {\n    myNotifications(first: 1, unreadOnly: true) {\n      unreadCount\n    }\n  }\n": types.UnreadCountDocument,
    "\n  subscription NotificationAdded {\n    notificationAdded {\n      id\n      title\n      createdAt\n    }\n  }\n": types.NotificationAddedDocument,
    "\n  query Notifications {\n    myNotifications(first: 50) {\n      totalCount\n      unreadCount\n      edges {\n        node {\n          id\n          kind\n          title\n          body\n          path\n          createdAt\n          readAt\n        }\n      }\n    }\n  }\n": types.NotificationsDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids)\n  }\n": types.MarkNotificationsReadDocument,
    "\n  query Organization($id: ID!) {\n    organization(id: $id) {\n      id\n      name\n      kind\n      city\n      district\n      sector\n      website\n    }\n  }\n": types.OrganizationDocument,
    "\n  query Team($id: ID!) {\n    team(id: $id) {\n      id\n      name\n      className\n      memberCount\n      challenge {\n        id\n        slug\n        title\n      }\n      school {\n        id\n        name\n      }\n      members {\n        role\n        user {\n          id\n          displayName\n          nameHidden\n        }\n      }\n      tutors {\n        id\n        displayName\n      }\n      idea {\n        id\n        title\n      }\n      miniCompany {\n        id\n        name\n      }\n    }\n  }\n": types.TeamDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Challenge($id: ID, $slug: String) {\n    challenge(id: $id, slug: $slug) {\n      id\n      slug\n      title\n      description\n      status\n      format\n      blindJudging\n      submissionOpensAt\n      submissionClosesAt\n      judgingClosesAt\n      organizer {\n        id\n        name\n      }\n      themes {\n        id\n        name\n        description\n      }\n      criteria {\n        id\n        name\n        description\n        weight\n        maxScore\n      }\n    }\n  }\n"): (typeof documents)["\n  query Challenge($id: ID, $slug: String) {\n    challenge(id: $id, slug: $slug) {\n      id\n      slug\n      title\n      description\n      status\n      format\n      blindJudging\n      submissionOpensAt\n      submissionClosesAt\n      judgingClosesAt\n      organizer {\n        id\n        name\n      }\n      themes {\n        id\n        name\n        description\n      }\n      criteria {\n        id\n        name\n        description\n        weight\n        maxScore\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Challenges {\n    challenges(first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          slug\n          title\n          description\n          status\n          format\n          submissionOpensAt\n          submissionClosesAt\n          themes {\n            id\n            name\n          }\n          organizer {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Challenges {\n    challenges(first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          slug\n          title\n          description\n          status\n          format\n          submissionOpensAt\n          submissionClosesAt\n          themes {\n            id\n            name\n          }\n          organizer {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GalleryOptions {\n    challenges(first: 100) {\n      edges {\n        node {\n          id\n          title\n          themes {\n            id\n            name\n          }\n        }\n      }\n    }\n    organizations(kind: SCHOOL, first: 100) {\n      edges {\n        node {\n          id\n          name\n          district\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query GalleryOptions {\n    challenges(first: 100) {\n      edges {\n        node {\n          id\n          title\n          themes {\n            id\n            name\n          }\n        }\n      }\n    }\n    organizations(kind: SCHOOL, first: 100) {\n      edges {\n        node {\n          id\n          name\n          district\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Gallery($filter: IdeaFilter, $first: Int!) {\n    ideas(filter: $filter, first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          title\n          summary\n          tags\n          theme {\n            id\n            name\n          }\n          challenge {\n            id\n            title\n          }\n          team {\n            id\n            name\n            school {\n              id\n              name\n              district\n            }\n          }\n          adoption {\n            id\n            company {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Gallery($filter: IdeaFilter, $first: Int!) {\n    ideas(filter: $filter, first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          title\n          summary\n          tags\n          theme {\n            id\n            name\n          }\n          challenge {\n            id\n            title\n          }\n          team {\n            id\n            name\n            school {\n              id\n              name\n              district\n            }\n          }\n          adoption {\n            id\n            company {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Idea($id: ID!) {\n    idea(id: $id) {\n      id\n      title\n      summary\n      problem\n      solution\n      impact\n      tags\n      status\n      submittedAt\n      theme {\n        id\n        name\n      }\n      challenge {\n        id\n        slug\n        title\n      }\n      team {\n        id\n        name\n        className\n        school {\n          id\n          name\n          city\n          district\n        }\n      }\n      awards {\n        id\n        title\n        place\n      }\n      adoption {\n        id\n        company {\n          id\n          name\n        }\n      }\n      score {\n        rank\n        rawScore\n      }\n    }\n  }\n"): (typeof documents)["\n  query Idea($id: ID!) {\n    idea(id: $id) {\n      id\n      title\n      summary\n      problem\n      solution\n      impact\n      tags\n      status\n      submittedAt\n      theme {\n        id\n        name\n      }\n      challenge {\n        id\n        slug\n        title\n      }\n      team {\n        id\n        name\n        className\n        school {\n          id\n          name\n          city\n          district\n        }\n      }\n      awards {\n        id\n        title\n        place\n      }\n      adoption {\n        id\n        company {\n          id\n          name\n        }\n      }\n      score {\n        rank\n        rawScore\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignInWithCode($username: String!, $code: String!) {\n    signInWithCode(username: $username, code: $code) {\n      accessToken\n      refreshToken\n      user {\n        id\n        displayName\n        email\n        username\n        emailVerified\n        locale\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignInWithCode($username: String!, $code: String!) {\n    signInWithCode(username: $username, code: $code) {\n      accessToken\n      refreshToken\n      user {\n        id\n        displayName\n        email\n        username\n        emailVerified\n        locale\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      displayName\n      locale\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      displayName\n      locale\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n"): (typeof documents)["\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      accessToken\n      refreshToken\n      user {\n        id\n        displayName\n        email\n        username\n        emailVerified\n        locale\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      accessToken\n      refreshToken\n      user {\n        id\n        displayName\n        email\n        username\n        emailVerified\n        locale\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      accessToken\n      refreshToken\n      user {\n        id\n        displayName\n        email\n        username\n        emailVerified\n        locale\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      accessToken\n      refreshToken\n      user {\n        id\n        displayName\n        email\n        username\n        emailVerified\n        locale\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Results($id: ID, $slug: String) {\n    challenge(id: $id, slug: $slug) {\n      id\n      slug\n      title\n      status\n    }\n  }\n"): (typeof documents)["\n  query Results($id: ID, $slug: String) {\n    challenge(id: $id, slug: $slug) {\n      id\n      slug\n      title\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Ranking($id: ID!) {\n    challenge(id: $id) {\n      id\n      awards {\n        id\n        title\n        place\n        idea {\n          id\n          title\n        }\n      }\n      leaderboard {\n        rank\n        rawScore\n        reviewCount\n        idea {\n          id\n          title\n          team {\n            id\n            name\n            school {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Ranking($id: ID!) {\n    challenge(id: $id) {\n      id\n      awards {\n        id\n        title\n        place\n        idea {\n          id\n          title\n        }\n      }\n      leaderboard {\n        rank\n        rawScore\n        reviewCount\n        idea {\n          id\n          title\n          team {\n            id\n            name\n            school {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReviewsChallenge($id: ID, $slug: String) {\n    challenge(id: $id, slug: $slug) {\n      id\n      slug\n      title\n      judgingClosesAt\n    }\n  }\n"): (typeof documents)["\n  query ReviewsChallenge($id: ID, $slug: String) {\n    challenge(id: $id, slug: $slug) {\n      id\n      slug\n      title\n      judgingClosesAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyAssignments($challengeId: ID!) {\n    myAssignments(challengeId: $challengeId) {\n      id\n      status\n      dueAt\n      idea {\n        id\n        title\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyAssignments($challengeId: ID!) {\n    myAssignments(challengeId: $challengeId) {\n      id\n      status\n      dueAt\n      idea {\n        id\n        title\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MiniCompany($id: ID!) {\n    miniCompany(id: $id) {\n      id\n      name\n      status\n      progress\n      foundedAt\n      team {\n        id\n        name\n      }\n      idea {\n        id\n        title\n      }\n      milestones {\n        id\n        title\n        status\n        dueAt\n        feedback\n      }\n    }\n  }\n"): (typeof documents)["\n  query MiniCompany($id: ID!) {\n    miniCompany(id: $id) {\n      id\n      name\n      status\n      progress\n      foundedAt\n      team {\n        id\n        name\n      }\n      idea {\n        id\n        title\n      }\n      milestones {\n        id\n        title\n        status\n        dueAt\n        feedback\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnreadCount {\n    myNotifications(first: 1, unreadOnly: true) {\n      unreadCount\n    }\n  }\n"): (typeof documents)["\n  query UnreadCount {\n    myNotifications(first: 1, unreadOnly: true) {\n      unreadCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription NotificationAdded {\n    notificationAdded {\n      id\n      title\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  subscription NotificationAdded {\n    notificationAdded {\n      id\n      title\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Notifications {\n    myNotifications(first: 50) {\n      totalCount\n      unreadCount\n      edges {\n        node {\n          id\n          kind\n          title\n          body\n          path\n          createdAt\n          readAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Notifications {\n    myNotifications(first: 50) {\n      totalCount\n      unreadCount\n      edges {\n        node {\n          id\n          kind\n          title\n          body\n          path\n          createdAt\n          readAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids)\n  }\n"): (typeof documents)["\n  mutation MarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Organization($id: ID!) {\n    organization(id: $id) {\n      id\n      name\n      kind\n      city\n      district\n      sector\n      website\n    }\n  }\n"): (typeof documents)["\n  query Organization($id: ID!) {\n    organization(id: $id) {\n      id\n      name\n      kind\n      city\n      district\n      sector\n      website\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Team($id: ID!) {\n    team(id: $id) {\n      id\n      name\n      className\n      memberCount\n      challenge {\n        id\n        slug\n        title\n      }\n      school {\n        id\n        name\n      }\n      members {\n        role\n        user {\n          id\n          displayName\n          nameHidden\n        }\n      }\n      tutors {\n        id\n        displayName\n      }\n      idea {\n        id\n        title\n      }\n      miniCompany {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query Team($id: ID!) {\n    team(id: $id) {\n      id\n      name\n      className\n      memberCount\n      challenge {\n        id\n        slug\n        title\n      }\n      school {\n        id\n        name\n      }\n      members {\n        role\n        user {\n          id\n          displayName\n          nameHidden\n        }\n      }\n      tutors {\n        id\n        displayName\n      }\n      idea {\n        id\n        title\n      }\n      miniCompany {\n        id\n        name\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;