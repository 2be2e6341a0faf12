import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IdentityService } from '#domain/identity/identity.service.js';
import { PeopleService } from '#domain/people/people.service.js';
import { ownView, viewPerson } from '#domain/people/person-view.js';
import type { Viewer } from '#domain/viewer.js';
import { CurrentViewer, Loaders, Public } from '../common/current-viewer.decorator.js';
import { RateLimits } from '#platform/rate-limit/rate-limits.js';
import type { GqlContext } from '../graphql/gql-context.js';
import { RequestLoaders } from '../graphql/request-loaders.js';
import { ChangePasswordInput, ResetPasswordInput, SignInInput, SignUpInput, UpdateProfileInput } from './dto/auth.input.js';
import { AuthPayloadModel } from './models/auth-payload.model.js';
import { toUserModel, UserModel } from './models/user.model.js';
import { personLoader } from './person.loader.js';

@Resolver(() => UserModel)
export class IdentityResolver {
  constructor(
    private readonly identity: IdentityService,
    private readonly people: PeopleService,
    private readonly rateLimits: RateLimits,
  ) {}

  @Public()
  @Mutation(() => AuthPayloadModel)
  async signUp(@Args('input') input: SignUpInput, @Context() context: GqlContext): Promise<AuthPayloadModel> {
    await this.rateLimits.consume('signUpAddress', context.clientAddress);
    const result = await this.identity.signUp(input);
    return { ...result, user: toUserModel(ownView(result.user)) };
  }

  @Public()
  @Mutation(() => AuthPayloadModel)
  async signIn(@Args('input') input: SignInInput, @Context() context: GqlContext): Promise<AuthPayloadModel> {
    const account = typeof input.email === 'string' ? input.email.trim() : '';
    const result = await this.rateLimits.guardSignIn('password', account, context.clientAddress, () => this.identity.signIn(input));
    return { ...result, user: toUserModel(ownView(result.user)) };
  }

  @Public()
  @Mutation(() => AuthPayloadModel, { description: "A roster student signs in with the username and one-time code of their teacher's sheet." })
  async signInWithCode(@Args('username') username: string, @Args('code') code: string, @Context() context: GqlContext): Promise<AuthPayloadModel> {
    const account = typeof username === 'string' ? username.trim().slice(0, 100) : '';
    // Counted per student and address, apart from passwords, never across addresses (rate-limits.ts).
    const result = await this.rateLimits.guardSignIn('code', account, context.clientAddress, () => this.identity.signInWithCode(username, code));
    return { ...result, user: toUserModel(ownView(result.user)) };
  }

  @Public()
  @Mutation(() => AuthPayloadModel)
  async refreshToken(@Args('refreshToken') refreshToken: string): Promise<AuthPayloadModel> {
    const result = await this.identity.refresh(refreshToken);
    return { ...result, user: toUserModel(ownView(result.user)) };
  }

  @Mutation(() => Boolean, { description: 'Sends a new verification link to the caller (nothing when already verified).' })
  async requestEmailVerification(@CurrentViewer() viewer: Viewer): Promise<boolean> {
    // Over the quota the answer is the same and no email goes out (the user already has several links).
    if (viewer.userId && !(await this.rateLimits.tryConsume('accountEmailUser', viewer.userId))) return true;
    await this.identity.requestEmailVerification(viewer);
    return true;
  }

  @Public()
  @Mutation(() => UserModel, { description: 'Confirms the email address with the token of the verification link (single use).' })
  async verifyEmail(@Args('token') token: string): Promise<UserModel> {
    return toUserModel(ownView(await this.identity.verifyEmail(token)));
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Always true, whether or not the address has an account; emails a reset link valid 1 hour when it has.' })
  async requestPasswordReset(@Args('email') email: string, @Context() context: GqlContext): Promise<boolean> {
    await this.rateLimits.consume('accountEmailAddress', context.clientAddress);
    // A quota per address emailed, spent silently, so the answer stays the same for every address.
    if (await this.rateLimits.tryConsume('accountEmailUser', String(email).trim())) await this.identity.requestPasswordReset(email);
    return true;
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Sets a new password from a reset link; every session of the user ends.' })
  async resetPassword(@Args('input') input: ResetPasswordInput): Promise<boolean> {
    await this.identity.resetPassword(input.token, input.newPassword);
    return true;
  }

  @Mutation(() => Boolean, { description: "Changes the caller's password; their other sessions end." })
  async changePassword(@CurrentViewer() viewer: Viewer, @Args('input') input: ChangePasswordInput): Promise<boolean> {
    await this.identity.changePassword(viewer, input.currentPassword, input.newPassword);
    return true;
  }

  @Mutation(() => UserModel)
  async updateProfile(@CurrentViewer() viewer: Viewer, @Args('input') input: UpdateProfileInput): Promise<UserModel> {
    return toUserModel(viewPerson(viewer, await this.identity.updateProfile(viewer, input)));
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Ends the session (refresh family) of this refresh token: its access tokens and sockets stop at once.' })
  async signOut(@Args('refreshToken') refreshToken: string): Promise<boolean> {
    await this.identity.signOut(refreshToken);
    return true;
  }

  @Mutation(() => Boolean, { description: 'Ends every session of the caller, this one included.' })
  async signOutEverywhere(@CurrentViewer() viewer: Viewer): Promise<boolean> {
    await this.identity.signOutEverywhere(viewer);
    return true;
  }

  @Public()
  @Query(() => UserModel, { nullable: true })
  async me(@CurrentViewer() viewer: Viewer, @Loaders() loaders: RequestLoaders): Promise<UserModel | null> {
    if (!viewer.userId) return null;
    const person = await personLoader(loaders, this.people, viewer).load(viewer.userId);
    return person ? toUserModel(person) : null;
  }
}
